import { OtlpDecodeError } from './otlp-decode-error';

const HEX = /^[0-9a-fA-F]*$/;
const BASE64 = /^[A-Za-z0-9+/_-]*={0,2}$/;
const INTEGER = /^-?\d+$/;

/**
 * An OTLP id (trace id: 16 bytes, span id: 8 bytes) as lower-case hex.
 * Accepts raw bytes (protobuf) or a string (JSON): hex of the expected length, else base64.
 */
export function idToHex(value: unknown, expectedBytes: number, path: string): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('hex');
  if (typeof value !== 'string') throw new OtlpDecodeError(`${path}: expected a hex or base64 string, got ${typeof value}`);
  if (value.length === 0) return '';
  if (value.length === expectedBytes * 2 && HEX.test(value)) return value.toLowerCase();
  if (BASE64.test(value)) {
    const bytes = Buffer.from(value, 'base64');
    if (bytes.length === expectedBytes) return bytes.toString('hex');
  }
  throw new OtlpDecodeError(`${path}: "${value}" is neither ${expectedBytes * 2} hex digits nor base64 of ${expectedBytes} bytes`);
}

/** Bytes from protobuf bytes or a base64 JSON string. */
export function toBytes(value: unknown, path: string): Uint8Array {
  if (value instanceof Uint8Array) return new Uint8Array(value);
  if (typeof value === 'string' && BASE64.test(value)) return new Uint8Array(Buffer.from(value, 'base64'));
  throw new OtlpDecodeError(`${path}: expected base64 bytes`);
}

/** A 64-bit integer from a bigint, a decimal string, a JS number or a protobufjs `Long`. */
function toBigInt(value: unknown, path: string): bigint {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new OtlpDecodeError(`${path}: expected an integer, got ${value}`);
    return BigInt(value);
  }
  if (typeof value === 'string' && INTEGER.test(value.trim())) return BigInt(value.trim());
  if (value !== null && typeof value === 'object' && 'low' in value && 'high' in value) {
    return BigInt((value as { toString(): string }).toString());
  }
  throw new OtlpDecodeError(`${path}: expected a 64-bit integer (string or number), got ${JSON.stringify(value)}`);
}

/** A 64-bit integer as a JS number when it is safe, else as a bigint. */
export function toSafeInteger(value: unknown, path: string): number | bigint {
  const big = toBigInt(value, path);
  return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** An optional 32-bit unsigned count or flags field (absent means 0). */
export function toUint32(value: unknown, path: string): number {
  if (value === undefined || value === null) return 0;
  const n = Number(toBigInt(value, path));
  if (n < 0 || n > 0xffffffff) throw new OtlpDecodeError(`${path}: ${n} is not a 32-bit unsigned integer`);
  return n;
}

/** A timestamp in nanoseconds (absent means 0). */
export function toNanos(value: unknown, path: string): bigint {
  if (value === undefined || value === null) return 0n;
  const nanos = toBigInt(value, path);
  if (nanos < 0n) throw new OtlpDecodeError(`${path}: negative timestamp ${nanos}`);
  return nanos;
}

/** Nanoseconds to fractional milliseconds. */
export function nanosToMs(nanos: bigint): number {
  return Number(nanos / 1000n) / 1000;
}

/** A double from a JSON number or the proto3 JSON strings "NaN", "Infinity", "-Infinity". */
export function toDouble(value: unknown, path: string): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') {
    if (value === 'NaN') return NaN;
    if (value === 'Infinity') return Infinity;
    if (value === '-Infinity') return -Infinity;
    const n = Number(value);
    if (value.trim() !== '' && !Number.isNaN(n)) return n;
  }
  throw new OtlpDecodeError(`${path}: expected a number, got ${JSON.stringify(value)}`);
}

/** An optional string field (absent means ''). */
export function toStringField(value: unknown, path: string): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') throw new OtlpDecodeError(`${path}: expected a string, got ${typeof value}`);
  return value;
}

/** An enum field given as a number or as its proto name (e.g. "SPAN_KIND_SERVER"). */
export function toEnum(value: unknown, names: readonly string[], path: string): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value === 'string') {
    const index = names.indexOf(value);
    if (index >= 0) return index;
    if (INTEGER.test(value)) return Number(value);
  }
  throw new OtlpDecodeError(`${path}: unknown enum value ${JSON.stringify(value)}`);
}
