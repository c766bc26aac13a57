import { OtlpDecodeError } from './otlp-decode-error';
import { normalizeExportRequest } from './normalize-export-request';
import type { DecodedSpan } from './received-span';

function snakeToCamel(key: string): string {
  return key.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

// OTLP JSON has no free-form object keys (attribute keys are values of `key`), so renaming every object key from
// snake_case to camelCase is safe and lets us accept the proto field names as well as the lowerCamel JSON names.
function camelizeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelizeKeys);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) out[snakeToCamel(key)] = camelizeKeys(inner);
  return out;
}

/** Decodes an OTLP/JSON `ExportTraceServiceRequest` body. Throws `OtlpDecodeError` on malformed input. */
export function decodeJsonExportRequest(body: Uint8Array): DecodedSpan[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(body).toString('utf8'));
  } catch (error) {
    throw new OtlpDecodeError(`malformed JSON: ${(error as Error).message}`);
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new OtlpDecodeError('malformed OTLP JSON: the body must be an ExportTraceServiceRequest object');
  }
  return normalizeExportRequest(camelizeKeys(parsed));
}
