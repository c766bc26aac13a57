import { otlpTraceTypes } from '../proto/otlp-schema';
import { OtlpDecodeError } from './otlp-decode-error';
import { normalizeExportRequest } from './normalize-export-request';
import type { DecodedSpan } from './received-span';

/** Decodes a protobuf-encoded `ExportTraceServiceRequest`. Throws `OtlpDecodeError` on undecodable input. */
export function decodeProtobufExportRequest(body: Uint8Array): DecodedSpan[] {
  const { request } = otlpTraceTypes();
  let message;
  try {
    message = request.decode(body);
  } catch (error) {
    throw new OtlpDecodeError(`undecodable protobuf ExportTraceServiceRequest: ${(error as Error).message}`);
  }
  // Longs as decimal strings keep int64/fixed64 exact; bytes stay Uint8Array; enums stay numbers.
  const plain = request.toObject(message, { longs: String, enums: Number, defaults: false, arrays: false });
  return normalizeExportRequest(plain);
}

/** The protobuf encoding of an empty `ExportTraceServiceResponse` (zero bytes). */
export function emptyProtobufExportResponse(): Buffer {
  const { response } = otlpTraceTypes();
  return Buffer.from(response.encode(response.create({})).finish());
}
