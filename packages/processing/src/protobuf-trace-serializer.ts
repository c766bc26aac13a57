import type { Attributes, HrTime, SpanContext } from '@opentelemetry/api';
import type { ReadableSpan, TimedEvent } from '@opentelemetry/sdk-trace-base';
import { STAMPED_KEYS } from './stamp';
import type { TraceSerializer } from './trace-serializers';

// OTLP/protobuf encoding of an export request, as OpenTelemetry's `ProtobufTraceSerializer`
// (@opentelemetry/otlp-transformer 0.223, Apache-2.0) writes it, byte for byte, with one change: the key/value
// pairs this package stamps on every span (session, project, source, their traceloop twins, the event type…), the
// same on every span of a session, are encoded once and copied. They are about half of a typical span's attribute
// bytes and most of what our spans cost to encode beyond the caller's own attributes. The writers and the other
// messages are OpenTelemetry's own (loaded from the package's files, as `traceSerializer` does); a test compares
// the output with `ProtobufTraceSerializer`'s.

/** What is used of OpenTelemetry's protobuf writer and size estimator. */
interface ProtobufWriter {
  pos: number;
  writeTag(fieldNumber: number, wireType: number): void;
  writeVarint(value: number): void;
  writeFixed32(value: number): void;
  writeBytes(bytes: Uint8Array): void;
  writeString(text: string): void;
  startLengthDelimited(): number;
  finishLengthDelimited(pos: number, length: number): void;
}

interface OtlpProtobuf {
  newWriter(estimatedSize?: number): ProtobufWriter & { finish(): Uint8Array };
  newEstimator(): ProtobufWriter;
  writeHrTimeAsFixed64(writer: ProtobufWriter, time: HrTime): void;
  writeAttributes(writer: ProtobufWriter, attributes: Attributes, fieldNumber: number): void;
  writeKeyValue(writer: ProtobufWriter, key: string, value: unknown): void;
  writeAnyValue(writer: ProtobufWriter, value: unknown): void;
  writeInstrumentationScope(writer: ProtobufWriter, scope: ReadableSpan['instrumentationScope'], fieldNumber: number): void;
  writeResource(writer: ProtobufWriter, resource: ReadableSpan['resource'], fieldNumber: number): void;
  hexToBinary(hex: string): Uint8Array;
}

let loaded: OtlpProtobuf | undefined;

type WriterClass = new (size?: number) => ProtobufWriter & { finish(): Uint8Array };

/** OpenTelemetry's protobuf building blocks, loaded on first use (a tracer that never exports never loads them). */
function otlp(): OtlpProtobuf {
  if (loaded === undefined) {
    // literal paths, so that bundlers follow them
    /* eslint-disable @typescript-eslint/no-require-imports */
    const { ProtobufWriter } = require('@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-writer') as {
      ProtobufWriter: WriterClass;
    };
    const { ProtobufSizeEstimator } = require('@opentelemetry/otlp-transformer/build/src/common/protobuf/protobuf-size-estimator') as {
      ProtobufSizeEstimator: new () => ProtobufWriter;
    };
    const common = require('@opentelemetry/otlp-transformer/build/src/common/protobuf/common-serializer') as Pick<
      OtlpProtobuf,
      'writeHrTimeAsFixed64' | 'writeAttributes' | 'writeKeyValue' | 'writeAnyValue' | 'writeInstrumentationScope' | 'writeResource'
    >;
    const { hexToBinary } = require('@opentelemetry/otlp-transformer/build/src/common/hex-to-binary') as Pick<OtlpProtobuf, 'hexToBinary'>;
    /* eslint-enable @typescript-eslint/no-require-imports */
    loaded = {
      newWriter: (size) => new ProtobufWriter(size),
      newEstimator: () => new ProtobufSizeEstimator(),
      writeHrTimeAsFixed64: common.writeHrTimeAsFixed64,
      writeAttributes: common.writeAttributes,
      writeKeyValue: common.writeKeyValue,
      writeAnyValue: common.writeAnyValue,
      writeInstrumentationScope: common.writeInstrumentationScope,
      writeResource: common.writeResource,
      hexToBinary,
    };
  }
  return loaded;
}

/** Encoded values kept per stamped key at most; beyond it (many sessions in one process) the key's are dropped. */
const MAX_VALUES_PER_KEY = 64;

/** A stamped key's encoded pairs: the last one asked for, and the others. */
interface StampedPairs {
  lastValue: string | undefined;
  lastBytes: Uint8Array | undefined;
  byValue: Map<string, Uint8Array>;
}

/** Stamped key → its encoded `KeyValue` messages (without tag and length), by string value. */
const stampedPairs = new Map<string, StampedPairs>(
  STAMPED_KEYS.map((key) => [key, { lastValue: undefined, lastBytes: undefined, byValue: new Map() }]),
);

function encodePair(key: string, value: string): Uint8Array {
  const writer = otlp().newWriter(64 + 3 * (key.length + value.length));
  otlp().writeKeyValue(writer, key, value);
  return writer.finish().slice();
}

/** The encoded `KeyValue` of `pairs`' key and a string value. */
function stampedPair(pairs: StampedPairs, key: string, value: string): Uint8Array {
  if (pairs.lastValue === value) return pairs.lastBytes!;
  let bytes = pairs.byValue.get(value);
  if (bytes === undefined) {
    bytes = encodePair(key, value);
    if (pairs.byValue.size >= MAX_VALUES_PER_KEY) pairs.byValue.clear();
    pairs.byValue.set(value, bytes);
  }
  pairs.lastValue = value;
  pairs.lastBytes = bytes;
  return bytes;
}

/** Attribute keys whose UTF-8 encoding is kept at most; when full, the cache starts over. */
const MAX_ENCODED_KEYS = 2048;

/** Attribute key → its UTF-8 bytes: a span's keys are a small set that every span repeats. */
const encodedKeys = new Map<string, Uint8Array>();

function keyBytes(key: string): Uint8Array {
  let bytes = encodedKeys.get(key);
  if (bytes === undefined) {
    bytes = Buffer.from(key, 'utf8');
    if (encodedKeys.size >= MAX_ENCODED_KEYS) encodedKeys.clear();
    encodedKeys.set(key, bytes);
  }
  return bytes;
}

/**
 * `writeAttributes` of OpenTelemetry: a `KeyValue` message per own enumerable key. A stamped pair is copied whole;
 * any other key is copied (a length-delimited string is its length and UTF-8 bytes, as `writeBytes` writes them)
 * and its value written as OpenTelemetry writes it.
 */
function writeSpanAttributes(writer: ProtobufWriter, attributes: Attributes, fieldNumber: number): void {
  const { writeAnyValue } = otlp();
  for (const key in attributes) {
    if (!Object.prototype.hasOwnProperty.call(attributes, key)) continue;
    const value = attributes[key];
    writer.writeTag(fieldNumber, 2);
    const pairs = typeof value === 'string' ? stampedPairs.get(key) : undefined;
    if (pairs !== undefined) {
      writer.writeBytes(stampedPair(pairs, key, value as string));
      continue;
    }
    const start = writer.startLengthDelimited();
    const startPos = writer.pos;
    writer.writeTag(1, 2);
    writer.writeBytes(keyBytes(key));
    writer.writeTag(2, 2);
    const valueStart = writer.startLengthDelimited();
    const valueStartPos = writer.pos;
    writeAnyValue(writer, value);
    writer.finishLengthDelimited(valueStart, writer.pos - valueStartPos);
    writer.finishLengthDelimited(start, writer.pos - startPos);
  }
}

// Span flags of the OTLP specification.
const SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK = 0x100;
const SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK = 0x200;

function spanFlags(traceFlags: number, isRemote: boolean | undefined): number {
  let flags = (traceFlags & 0xff) | SPAN_FLAGS_CONTEXT_HAS_IS_REMOTE_MASK;
  if (isRemote) flags |= SPAN_FLAGS_CONTEXT_IS_REMOTE_MASK;
  return flags;
}

/** Span.Status: 2 message (string, skipped when empty), 3 code (varint). */
function writeStatus(writer: ProtobufWriter, status: ReadableSpan['status']): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  if (status.message) {
    writer.writeTag(2, 2);
    writer.writeString(status.message);
  }
  writer.writeTag(3, 0);
  writer.writeVarint(status.code);
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

/** Span.Event: 1 time (fixed64), 2 name, 3 attributes, 4 dropped attributes count. */
function writeEvent(writer: ProtobufWriter, event: TimedEvent): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  writer.writeTag(1, 1);
  otlp().writeHrTimeAsFixed64(writer, event.time);
  writer.writeTag(2, 2);
  writer.writeString(event.name);
  if (event.attributes) otlp().writeAttributes(writer, event.attributes, 3);
  writer.writeTag(4, 0);
  writer.writeVarint(event.droppedAttributesCount || 0);
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

/** Span.Link: 1 trace id, 2 span id, 3 trace state, 4 attributes, 5 dropped attributes count, 6 flags. */
function writeLink(writer: ProtobufWriter, link: ReadableSpan['links'][number]): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  const context: SpanContext = link.context;
  writer.writeTag(1, 2);
  writer.writeBytes(otlp().hexToBinary(context.traceId));
  writer.writeTag(2, 2);
  writer.writeBytes(otlp().hexToBinary(context.spanId));
  const traceState = context.traceState?.serialize();
  if (traceState) {
    writer.writeTag(3, 2);
    writer.writeString(traceState);
  }
  if (link.attributes) otlp().writeAttributes(writer, link.attributes, 4);
  writer.writeTag(5, 0);
  writer.writeVarint(link.droppedAttributesCount || 0);
  const flags = spanFlags(context.traceFlags, context.isRemote);
  if (flags) {
    writer.writeTag(6, 5);
    writer.writeFixed32(flags);
  }
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

/** Span: fields 1–16 of the OTLP `Span` message, in OpenTelemetry's order. */
function writeSpan(writer: ProtobufWriter, span: ReadableSpan): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  const ctx = span.spanContext();
  writer.writeTag(1, 2);
  writer.writeBytes(otlp().hexToBinary(ctx.traceId));
  writer.writeTag(2, 2);
  writer.writeBytes(otlp().hexToBinary(ctx.spanId));
  const traceState = ctx.traceState?.serialize();
  if (traceState) {
    writer.writeTag(3, 2);
    writer.writeString(traceState);
  }
  if (span.parentSpanContext?.spanId) {
    writer.writeTag(4, 2);
    writer.writeBytes(otlp().hexToBinary(span.parentSpanContext.spanId));
  }
  writer.writeTag(5, 2);
  writer.writeString(span.name);
  // the API's kinds start at 0 for INTERNAL; OTLP's at 1 (0 is unspecified)
  const kind = span.kind == null ? 0 : span.kind + 1;
  if (kind !== 0) {
    writer.writeTag(6, 0);
    writer.writeVarint(kind);
  }
  writer.writeTag(7, 1);
  otlp().writeHrTimeAsFixed64(writer, span.startTime);
  writer.writeTag(8, 1);
  otlp().writeHrTimeAsFixed64(writer, span.endTime);
  if (span.attributes) writeSpanAttributes(writer, span.attributes, 9);
  writer.writeTag(10, 0);
  writer.writeVarint(span.droppedAttributesCount);
  for (const event of span.events) {
    writer.writeTag(11, 2);
    writeEvent(writer, event);
  }
  writer.writeTag(12, 0);
  writer.writeVarint(span.droppedEventsCount);
  for (const link of span.links) {
    writer.writeTag(13, 2);
    writeLink(writer, link);
  }
  writer.writeTag(14, 0);
  writer.writeVarint(span.droppedLinksCount);
  writer.writeTag(15, 2);
  writeStatus(writer, span.status);
  const flags = spanFlags(ctx.traceFlags, span.parentSpanContext?.isRemote);
  if (flags) {
    writer.writeTag(16, 5);
    writer.writeFixed32(flags);
  }
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

type ScopeGroups = Map<ReadableSpan['instrumentationScope'], ReadableSpan[]>;

/** ScopeSpans: 1 scope, 2 spans, 3 schema URL. */
function writeScopeSpans(writer: ProtobufWriter, scope: ReadableSpan['instrumentationScope'], spans: ReadableSpan[]): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  otlp().writeInstrumentationScope(writer, scope, 1);
  for (const span of spans) {
    writer.writeTag(2, 2);
    writeSpan(writer, span);
  }
  if (scope.schemaUrl) {
    writer.writeTag(3, 2);
    writer.writeString(scope.schemaUrl);
  }
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

/** ResourceSpans: 1 resource, 2 scope spans, 3 schema URL. */
function writeResourceSpans(writer: ProtobufWriter, resource: ReadableSpan['resource'], scopes: ScopeGroups): void {
  const start = writer.startLengthDelimited();
  const startPos = writer.pos;
  otlp().writeResource(writer, resource, 1);
  for (const spans of scopes.values()) {
    writer.writeTag(2, 2);
    writeScopeSpans(writer, spans[0]!.instrumentationScope, spans);
  }
  if (resource.schemaUrl) {
    writer.writeTag(3, 2);
    writer.writeString(resource.schemaUrl);
  }
  writer.finishLengthDelimited(start, writer.pos - startPos);
}

/** The spans grouped by resource, then instrumentation scope (by identity, in first-seen order). */
function groupSpans(spans: ReadableSpan[]): Map<ReadableSpan['resource'], ScopeGroups> {
  const resources = new Map<ReadableSpan['resource'], ScopeGroups>();
  for (const span of spans) {
    let scopes = resources.get(span.resource);
    if (!scopes) {
      scopes = new Map();
      resources.set(span.resource, scopes);
    }
    let group = scopes.get(span.instrumentationScope);
    if (!group) {
      group = [];
      scopes.set(span.instrumentationScope, group);
    }
    group.push(span);
  }
  return resources;
}

/** Encodes an `ExportTraceServiceRequest`: sizes it first, then writes it into a buffer of that size. */
function serializeRequest(spans: ReadableSpan[]): Uint8Array {
  const resources = groupSpans(spans);
  const estimator = otlp().newEstimator();
  for (const [resource, scopes] of resources) {
    estimator.writeTag(1, 2);
    writeResourceSpans(estimator, resource, scopes);
  }
  const writer = otlp().newWriter(estimator.pos);
  for (const [resource, scopes] of resources) {
    writer.writeTag(1, 2);
    writeResourceSpans(writer, resource, scopes);
  }
  return writer.finish();
}

/** The OTLP/protobuf trace serializer of the exporters (see the top of this file). */
export const protobufTraceSerializer: TraceSerializer = { serializeRequest };
