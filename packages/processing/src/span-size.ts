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

/**
 * Strings up to this many UTF-16 units are bounded by 3 bytes a unit in {@link spanBytesAtMost} instead of being
 * measured: `Buffer.byteLength` is a native call whose cost, for the short keys and values of a typical span, is
 * most of the estimate's; longer strings are measured, so the bound stays close for large spans.
 */
const MEASURED_FROM_LENGTH = 128;

/** At least the UTF-8 size of `text`: measured when long, else 3 bytes per UTF-16 unit (the most one can take). */
function stringBytesAtMost(text: string): number {
  return text.length > MEASURED_FROM_LENGTH ? Buffer.byteLength(text, 'utf8') : text.length * 3;
}

function valueBytesAtMost(value: unknown): number {
  if (typeof value === 'string') return stringBytesAtMost(value);
  if (typeof value === 'number' || typeof value === 'bigint') return NUMBER_BYTES;
  if (typeof value === 'boolean') return 5;
  if (Array.isArray(value)) {
    let total = 0;
    for (const item of value) total += ARRAY_ITEM_OVERHEAD + valueBytesAtMost(item);
    return total;
  }
  if (value instanceof Uint8Array) return Math.ceil(value.length * 1.4);
  return 0;
}

function attributesBytesAtMost(attributes: Readonly<Record<string, unknown>> | undefined): number {
  if (attributes === undefined || attributes === null) return 0;
  let total = 0;
  for (const key in attributes) {
    total += ATTRIBUTE_OVERHEAD + key.length + valueBytesAtMost(attributes[key]);
  }
  return total;
}

/**
 * A cheap bound that is never below {@link estimateSpanBytes}: the same sum, with each short string counted at
 * 3 bytes per UTF-16 unit instead of measured. When the bound is under a limit, so is the estimate, and the
 * estimate need not be computed; otherwise the caller computes it. Falls back to the estimate itself on an
 * unusual span (a name that is not a string, a throwing property). Never throws.
 */
export function spanBytesAtMost(span: ReadableSpan): number {
  try {
    const name = span.name;
    if (typeof name !== 'string') return estimateSpanBytes(span);
    let total = SPAN_OVERHEAD + stringBytesAtMost(name) + attributesBytesAtMost(span.attributes);
    const message = span.status?.message;
    if (typeof message === 'string') total += stringBytesAtMost(message);
    const events = span.events;
    if (events !== undefined && events !== null) {
      for (const event of events) {
        const eventName = event.name ?? '';
        if (typeof eventName !== 'string') return estimateSpanBytes(span);
        total += EVENT_OVERHEAD + stringBytesAtMost(eventName) + attributesBytesAtMost(event.attributes);
      }
    }
    const links = span.links;
    if (links !== undefined && links !== null) for (const link of links) total += LINK_OVERHEAD + attributesBytesAtMost(link.attributes);
    return total;
  } catch {
    return estimateSpanBytes(span);
  }
}

/** Whether {@link estimateSpanBytes} of `span` is above `maxBytes`, computing it only when the cheap bound is not enough. */
export function spanExceedsBytes(span: ReadableSpan, maxBytes: number): boolean {
  return spanBytesAtMost(span) > maxBytes && estimateSpanBytes(span) > maxBytes;
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
