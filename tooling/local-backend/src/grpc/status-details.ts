/**
 * Encodes the `grpc-status-details-bin` trailer of a status carrying a `google.rpc.RetryInfo`: a
 * `google.rpc.Status { code, message, details: [Any { type_url, value: RetryInfo { retry_delay } }] }`.
 * Hand-written protobuf (a few fields), so the backend needs no google.rpc schema.
 */

function varint(value: number): number[] {
  const bytes: number[] = [];
  let rest = Math.floor(value);
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return bytes;
}

function varintField(field: number, value: number): number[] {
  return value === 0 ? [] : [...varint(field * 8), ...varint(value)];
}

function bytesField(field: number, bytes: Uint8Array | number[]): number[] {
  return [...varint(field * 8 + 2), ...varint(bytes.length), ...bytes];
}

/** The serialized `google.rpc.Status` of `code` / `message` with a RetryInfo asking for `delayMs`. */
export function retryInfoStatusDetails(code: number, message: string, delayMs: number): Buffer {
  const seconds = Math.floor(delayMs / 1000);
  const nanos = Math.round((delayMs - seconds * 1000) * 1e6);
  const duration = [...varintField(1, seconds), ...varintField(2, nanos)];
  const retryInfo = bytesField(1, duration);
  const any = [...bytesField(1, Buffer.from('type.googleapis.com/google.rpc.RetryInfo')), ...bytesField(2, retryInfo)];
  return Buffer.from([...varintField(1, code), ...bytesField(2, Buffer.from(message)), ...bytesField(3, any)]);
}
