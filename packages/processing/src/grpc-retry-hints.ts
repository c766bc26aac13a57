/**
 * The throttling signals a gRPC server can attach to a failed call, read from its trailing metadata:
 * `google.rpc.RetryInfo` inside the `grpc-status-details-bin` trailer (what the OTLP specification
 * names), the gRPC retry design's `grpc-retry-pushback-ms`, and a plain `retry-after` entry.
 *
 * The status details are a serialized `google.rpc.Status`; the few fields needed are decoded by hand
 * (a protobuf reader of ~60 lines) instead of loading a protobuf library for them.
 */

/** Anything with grpc-js `Metadata#get`. */
export interface MetadataLike {
  get(key: string): unknown[];
}

const RETRY_INFO_TYPE = 'google.rpc.RetryInfo';

/** One protobuf field: varints as numbers, length-delimited fields as bytes. */
interface ProtoField {
  field: number;
  varint?: number;
  bytes?: Uint8Array;
}

/** Reads a varint; undefined when the buffer ends inside it. Values past 2^53 lose precision (never needed here). */
function readVarint(buf: Uint8Array, start: number): { value: number; next: number } | undefined {
  let value = 0;
  let scale = 1;
  for (let pos = start; pos < buf.length && pos < start + 10; pos++) {
    const byte = buf[pos]!;
    value += (byte & 0x7f) * scale;
    scale *= 128;
    if ((byte & 0x80) === 0) return { value, next: pos + 1 };
  }
  return undefined;
}

/** The top-level fields of a protobuf message; stops quietly at the first malformed byte. */
function readFields(buf: Uint8Array): ProtoField[] {
  const fields: ProtoField[] = [];
  let pos = 0;
  while (pos < buf.length) {
    const key = readVarint(buf, pos);
    if (!key) break;
    const field = Math.floor(key.value / 8);
    const wireType = key.value % 8;
    pos = key.next;
    if (wireType === 0) {
      const varint = readVarint(buf, pos);
      if (!varint) break;
      fields.push({ field, varint: varint.value });
      pos = varint.next;
    } else if (wireType === 2) {
      const length = readVarint(buf, pos);
      if (!length || length.next + length.value > buf.length) break;
      fields.push({ field, bytes: buf.subarray(length.next, length.next + length.value) });
      pos = length.next + length.value;
    } else if (wireType === 1) {
      pos += 8;
    } else if (wireType === 5) {
      pos += 4;
    } else {
      break; // groups (3, 4) and unknown wire types: not in these messages
    }
  }
  return fields;
}

/** A `google.protobuf.Duration` in ms (negative and malformed durations: undefined). */
function durationMs(buf: Uint8Array): number | undefined {
  let seconds = 0;
  let nanos = 0;
  for (const f of readFields(buf)) {
    if (f.field === 1 && f.varint !== undefined) seconds = f.varint;
    if (f.field === 2 && f.varint !== undefined) nanos = f.varint;
  }
  // a negative int64/int32 is a 10-byte varint, far beyond any sane delay
  if (seconds > 1e9 || nanos >= 1e9) return undefined;
  return Math.round(seconds * 1000 + nanos / 1e6);
}

/**
 * The delay of the `google.rpc.RetryInfo` in a serialized `google.rpc.Status` (the value of the
 * `grpc-status-details-bin` trailer), in ms; undefined when there is none or it cannot be read.
 */
export function retryInfoDelayMs(statusDetails: Uint8Array): number | undefined {
  const decoder = new TextDecoder();
  for (const detail of readFields(statusDetails)) {
    if (detail.field !== 3 || !detail.bytes) continue; // Status.details (repeated google.protobuf.Any)
    const any = readFields(detail.bytes);
    const typeUrl = any.find((f) => f.field === 1 && f.bytes);
    const value = any.find((f) => f.field === 2 && f.bytes);
    if (!typeUrl?.bytes || !decoder.decode(typeUrl.bytes).endsWith(`/${RETRY_INFO_TYPE}`)) continue;
    const delay = readFields(value?.bytes ?? new Uint8Array()).find((f) => f.field === 1 && f.bytes); // RetryInfo.retry_delay
    if (delay?.bytes) return durationMs(delay.bytes);
  }
  return undefined;
}

function firstValue(metadata: MetadataLike, key: string): unknown {
  try {
    const values = metadata.get(key);
    return Array.isArray(values) ? values[0] : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The delay a gRPC server asked for, in ms: RetryInfo first, then `grpc-retry-pushback-ms` (a
 * non-negative integer), then `retry-after` (read by `parseRetryAfter`); undefined when none is usable.
 */
export function grpcRetryDelayMs(metadata: MetadataLike, parseRetryAfter: (value: unknown) => number | undefined): number | undefined {
  const details = firstValue(metadata, 'grpc-status-details-bin');
  if (details instanceof Uint8Array) {
    const fromRetryInfo = retryInfoDelayMs(details);
    if (fromRetryInfo !== undefined) return fromRetryInfo;
  }
  const pushback = firstValue(metadata, 'grpc-retry-pushback-ms');
  if ((typeof pushback === 'string' || typeof pushback === 'number') && /^\d+$/.test(String(pushback).trim())) {
    return Number(String(pushback).trim());
  }
  const retryAfter = firstValue(metadata, 'retry-after');
  return retryAfter === undefined ? undefined : parseRetryAfter(String(retryAfter));
}
