import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * Export requests are capped at this many encoded bytes by default (3 MiB). It stays under the smallest
 * limit an OTLP request commonly meets on its way (the 4 MiB default message limit of gRPC servers such
 * as the OpenTelemetry Collector; HTTP gateways and ingest endpoints usually refuse beyond 6 to 10 MB),
 * with room for the estimate being low, while a batch of typical LLM spans (a few to tens of KB each)
 * still fills to its span count.
 */
export const DEFAULT_MAX_EXPORT_BATCH_BYTES = 3 * 1024 * 1024;

/** Fixed cost of one request: envelope, resource and scope framing (the resource's own attributes are added). */
const REQUEST_OVERHEAD_BYTES = 512;

// Per-item costs, sized for OTLP/JSON, the larger encoding: hex ids, nanosecond strings and
// `{"key":"…","value":{"stringValue":"…"}}` framing. Protobuf is smaller, so the estimate errs high there.
const SPAN_OVERHEAD = 200;
const ATTRIBUTE_OVERHEAD = 40;
const ARRAY_ITEM_OVERHEAD = 20;
const EVENT_OVERHEAD = 60;
const LINK_OVERHEAD = 120;
const NUMBER_BYTES = 24;

function valueBytes(value: unknown): number {
  if (typeof value === 'string') return Buffer.byteLength(value, 'utf8');
  if (typeof value === 'number' || typeof value === 'bigint') return NUMBER_BYTES;
  if (typeof value === 'boolean') return 5;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += ARRAY_ITEM_OVERHEAD + valueBytes(item);
    return total;
  }
  if (value instanceof Uint8Array) return Math.ceil(value.length * 1.4); // base64 in JSON
  return 0;
}

/** Estimated encoded size of an attribute map. */
function attributesBytes(attributes: Readonly<Record<string, unknown>> | undefined): number {
  if (attributes === undefined || attributes === null) return 0;
  let total = 0;
  for (const key in attributes) {
    total += ATTRIBUTE_OVERHEAD + key.length + valueBytes(attributes[key]);
  }
  return total;
}

/**
 * The estimated size of `span` in an OTLP export request, in bytes: exact for the strings (UTF-8) that
 * make up large spans, approximate for the framing. Cheap (no serialisation) and never throws.
 */
export function estimateSpanBytes(span: ReadableSpan): number {
  try {
    let total = SPAN_OVERHEAD + Buffer.byteLength(span.name ?? '', 'utf8') + attributesBytes(span.attributes);
    const message = span.status?.message;
    if (typeof message === 'string') total += Buffer.byteLength(message, 'utf8');
    for (const event of span.events ?? []) {
      total += EVENT_OVERHEAD + Buffer.byteLength(event.name ?? '', 'utf8') + attributesBytes(event.attributes);
    }
    for (const link of span.links ?? []) total += LINK_OVERHEAD + attributesBytes(link.attributes);
    return total;
  } catch {
    return SPAN_OVERHEAD;
  }
}

const resourceSizes = new WeakMap<object, number>();

/** Estimated size of the request framing for spans of `span`'s resource (cached per resource). */
export function requestOverheadBytes(span: ReadableSpan | undefined): number {
  try {
    const resource = span?.resource;
    if (resource === undefined || resource === null || typeof resource !== 'object') return REQUEST_OVERHEAD_BYTES;
    // reading the attributes of a resource whose async attributes are pending logs an OTel diag error
    if (resource.asyncAttributesPending) return REQUEST_OVERHEAD_BYTES;
    let size = resourceSizes.get(resource);
    if (size === undefined) {
      size = REQUEST_OVERHEAD_BYTES + attributesBytes(resource.attributes as Record<string, unknown>);
      resourceSizes.set(resource, size);
    }
    return size;
  } catch {
    return REQUEST_OVERHEAD_BYTES;
  }
}
