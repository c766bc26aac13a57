import { decodeKeyValues, listOf } from './any-value';
import { OtlpDecodeError } from './otlp-decode-error';
import type {
  DecodedSpan,
  ReceivedResource,
  ReceivedScope,
  ReceivedSpanEvent,
  ReceivedSpanLink,
} from './received-span';
import { idToHex, nanosToMs, toEnum, toNanos, toStringField, toUint32 } from './wire-values';

const SPAN_KINDS = [
  'SPAN_KIND_UNSPECIFIED',
  'SPAN_KIND_INTERNAL',
  'SPAN_KIND_SERVER',
  'SPAN_KIND_CLIENT',
  'SPAN_KIND_PRODUCER',
  'SPAN_KIND_CONSUMER',
] as const;
const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;

type Loose = Record<string, unknown>;

function objectAt(value: unknown, path: string): Loose {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) throw new OtlpDecodeError(`${path}: expected an object`);
  return value as Loose;
}

/**
 * Turns an `ExportTraceServiceRequest` in its camelCase object form (from protobufjs `toObject` or from OTLP JSON)
 * into decoded spans, one per `Span`, each carrying its resource and scope.
 */
export function normalizeExportRequest(request: unknown): DecodedSpan[] {
  const root = objectAt(request, 'request');
  const spans: DecodedSpan[] = [];
  listOf(root.resourceSpans, 'resourceSpans').forEach((rsValue, r) => {
    const rsPath = `resourceSpans[${r}]`;
    const rs = objectAt(rsValue, rsPath);
    const resourceObj = objectAt(rs.resource, `${rsPath}.resource`);
    const resource: ReceivedResource = {
      attributes: decodeKeyValues(resourceObj.attributes, `${rsPath}.resource.attributes`),
      droppedAttributesCount: toUint32(resourceObj.droppedAttributesCount, `${rsPath}.resource.droppedAttributesCount`),
      schemaUrl: toStringField(rs.schemaUrl, `${rsPath}.schemaUrl`),
    };
    listOf(rs.scopeSpans, `${rsPath}.scopeSpans`).forEach((ssValue, s) => {
      const ssPath = `${rsPath}.scopeSpans[${s}]`;
      const ss = objectAt(ssValue, ssPath);
      const scopeObj = objectAt(ss.scope, `${ssPath}.scope`);
      const scope: ReceivedScope = {
        name: toStringField(scopeObj.name, `${ssPath}.scope.name`),
        version: toStringField(scopeObj.version, `${ssPath}.scope.version`),
        attributes: decodeKeyValues(scopeObj.attributes, `${ssPath}.scope.attributes`),
        droppedAttributesCount: toUint32(scopeObj.droppedAttributesCount, `${ssPath}.scope.droppedAttributesCount`),
        schemaUrl: toStringField(ss.schemaUrl, `${ssPath}.schemaUrl`),
      };
      listOf(ss.spans, `${ssPath}.spans`).forEach((spanValue, i) => {
        spans.push(decodeSpan(objectAt(spanValue, `${ssPath}.spans[${i}]`), `${ssPath}.spans[${i}]`, resource, scope));
      });
    });
  });
  return spans;
}

function decodeSpan(span: Loose, path: string, resource: ReceivedResource, scope: ReceivedScope): DecodedSpan {
  const startTimeUnixNano = toNanos(span.startTimeUnixNano, `${path}.startTimeUnixNano`);
  const endTimeUnixNano = toNanos(span.endTimeUnixNano, `${path}.endTimeUnixNano`);
  const status = objectAt(span.status, `${path}.status`);
  const parentSpanId = idToHex(span.parentSpanId, 8, `${path}.parentSpanId`);
  return {
    traceId: idToHex(span.traceId, 16, `${path}.traceId`),
    spanId: idToHex(span.spanId, 8, `${path}.spanId`),
    parentSpanId: parentSpanId === '' ? undefined : parentSpanId,
    traceState: toStringField(span.traceState, `${path}.traceState`),
    flags: toUint32(span.flags, `${path}.flags`),
    name: toStringField(span.name, `${path}.name`),
    kind: toEnum(span.kind, SPAN_KINDS, `${path}.kind`),
    startTimeUnixNano,
    endTimeUnixNano,
    startTimeMs: nanosToMs(startTimeUnixNano),
    endTimeMs: nanosToMs(endTimeUnixNano),
    durationMs: nanosToMs(endTimeUnixNano - startTimeUnixNano),
    attributes: decodeKeyValues(span.attributes, `${path}.attributes`),
    droppedAttributesCount: toUint32(span.droppedAttributesCount, `${path}.droppedAttributesCount`),
    events: listOf(span.events, `${path}.events`).map((e, i) => decodeEvent(objectAt(e, `${path}.events[${i}]`), `${path}.events[${i}]`)),
    droppedEventsCount: toUint32(span.droppedEventsCount, `${path}.droppedEventsCount`),
    links: listOf(span.links, `${path}.links`).map((l, i) => decodeLink(objectAt(l, `${path}.links[${i}]`), `${path}.links[${i}]`)),
    droppedLinksCount: toUint32(span.droppedLinksCount, `${path}.droppedLinksCount`),
    status: {
      code: toEnum(status.code, STATUS_CODES, `${path}.status.code`),
      message: toStringField(status.message, `${path}.status.message`),
    },
    resource,
    scope,
  };
}

function decodeEvent(event: Loose, path: string): ReceivedSpanEvent {
  const timeUnixNano = toNanos(event.timeUnixNano, `${path}.timeUnixNano`);
  return {
    timeUnixNano,
    timeMs: nanosToMs(timeUnixNano),
    name: toStringField(event.name, `${path}.name`),
    attributes: decodeKeyValues(event.attributes, `${path}.attributes`),
    droppedAttributesCount: toUint32(event.droppedAttributesCount, `${path}.droppedAttributesCount`),
  };
}

function decodeLink(link: Loose, path: string): ReceivedSpanLink {
  return {
    traceId: idToHex(link.traceId, 16, `${path}.traceId`),
    spanId: idToHex(link.spanId, 8, `${path}.spanId`),
    traceState: toStringField(link.traceState, `${path}.traceState`),
    flags: toUint32(link.flags, `${path}.flags`),
    attributes: decodeKeyValues(link.attributes, `${path}.attributes`),
    droppedAttributesCount: toUint32(link.droppedAttributesCount, `${path}.droppedAttributesCount`),
  };
}
