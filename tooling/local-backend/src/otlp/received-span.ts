/**
 * A decoded OTLP attribute value.
 *
 * - `string`, `boolean`, `number` (OTLP `doubleValue`, and `intValue` when it is a safe integer),
 * - `bigint` (an OTLP `intValue` outside `Number.MIN_SAFE_INTEGER..Number.MAX_SAFE_INTEGER`),
 * - `Uint8Array` (`bytesValue`),
 * - arrays (`arrayValue`), plain objects (`kvlistValue`),
 * - `null` for an empty `AnyValue`.
 */
export type AttributeValue =
  | string
  | number
  | bigint
  | boolean
  | Uint8Array
  | null
  | AttributeValue[]
  | { [key: string]: AttributeValue };

/** Decoded attributes keyed by attribute name. */
export type Attributes = Record<string, AttributeValue>;

/** The three OTLP transports the backend receives. */
export type OtlpProtocol = 'grpc' | 'http/protobuf' | 'http/json';

/** The resource a span was exported with. */
export interface ReceivedResource {
  /** Resource attributes. */
  attributes: Attributes;
  /** `dropped_attributes_count`. */
  droppedAttributesCount: number;
  /** `ResourceSpans.schema_url` ('' when absent). */
  schemaUrl: string;
}

/** The instrumentation scope a span was exported under. */
export interface ReceivedScope {
  /** Scope name ('' when absent). */
  name: string;
  /** Scope version ('' when absent). */
  version: string;
  /** Scope attributes. */
  attributes: Attributes;
  /** `dropped_attributes_count`. */
  droppedAttributesCount: number;
  /** `ScopeSpans.schema_url` ('' when absent). */
  schemaUrl: string;
}

/** A span event as received. */
export interface ReceivedSpanEvent {
  /** Event time in nanoseconds since the Unix epoch. */
  timeUnixNano: bigint;
  /** Event time in milliseconds since the Unix epoch (fractional). */
  timeMs: number;
  /** Event name. */
  name: string;
  /** Event attributes. */
  attributes: Attributes;
  /** `dropped_attributes_count`. */
  droppedAttributesCount: number;
}

/** A span link as received. */
export interface ReceivedSpanLink {
  /** Linked trace id, lower-case hex. */
  traceId: string;
  /** Linked span id, lower-case hex. */
  spanId: string;
  /** W3C trace state of the link ('' when absent). */
  traceState: string;
  /** Link flags (W3C trace flags in the low 8 bits). */
  flags: number;
  /** Link attributes. */
  attributes: Attributes;
  /** `dropped_attributes_count`. */
  droppedAttributesCount: number;
}

/** A span as decoded from one OTLP export request, whatever the encoding. */
export interface ReceivedSpan {
  /** Trace id, lower-case hex (32 chars). */
  traceId: string;
  /** Span id, lower-case hex (16 chars). */
  spanId: string;
  /** Parent span id, lower-case hex; `undefined` for a root span. */
  parentSpanId: string | undefined;
  /** W3C trace state ('' when absent). */
  traceState: string;
  /** Span flags (W3C trace flags in the low 8 bits, is-remote bits 8 and 9). */
  flags: number;
  /** Span name. */
  name: string;
  /** OTLP span kind: 0 unspecified, 1 internal, 2 server, 3 client, 4 producer, 5 consumer. */
  kind: number;
  /** Start time in nanoseconds since the Unix epoch. */
  startTimeUnixNano: bigint;
  /** End time in nanoseconds since the Unix epoch. */
  endTimeUnixNano: bigint;
  /** Start time in milliseconds since the Unix epoch (fractional). */
  startTimeMs: number;
  /** End time in milliseconds since the Unix epoch (fractional). */
  endTimeMs: number;
  /** `endTimeMs - startTimeMs`, computed from the nanosecond values. */
  durationMs: number;
  /** Span attributes. */
  attributes: Attributes;
  /** `dropped_attributes_count`. */
  droppedAttributesCount: number;
  /** Span events. */
  events: ReceivedSpanEvent[];
  /** `dropped_events_count`. */
  droppedEventsCount: number;
  /** Span links. */
  links: ReceivedSpanLink[];
  /** `dropped_links_count`. */
  droppedLinksCount: number;
  /** Status: code 0 unset, 1 ok, 2 error. */
  status: { code: number; message: string };
  /** The resource of the enclosing `ResourceSpans`. */
  resource: ReceivedResource;
  /** The scope of the enclosing `ScopeSpans`. */
  scope: ReceivedScope;
  /** How the span arrived. */
  protocol: OtlpProtocol;
  /** Id of the request that carried the span (see `ReceivedRequest.id`). */
  requestId: string;
}

/** A span as produced by the decoders, before the backend stamps protocol and request id. */
export type DecodedSpan = Omit<ReceivedSpan, 'protocol' | 'requestId'>;
