/** Result of checking an `Authorization` header. */
export type AuthResult = { ok: true; apiKey: string } | { ok: false; apiKey: string | undefined; reason: string };

/**
 * Checks `Authorization: Bearer <key>`. With `apiKeys`, only those keys pass; without, any non-empty token does.
 */
export function checkBearer(header: string | undefined, apiKeys: readonly string[] | undefined): AuthResult {
  if (header === undefined || header.trim() === '') {
    return { ok: false, apiKey: undefined, reason: "missing Authorization header; expected 'Authorization: Bearer <api key>'" };
  }
  const match = /^Bearer\s+(.*)$/i.exec(header.trim());
  if (!match) return { ok: false, apiKey: undefined, reason: "Authorization header is not of the form 'Bearer <api key>'" };
  const apiKey = match[1]!.trim();
  if (apiKey === '') return { ok: false, apiKey: undefined, reason: 'empty bearer token' };
  if (apiKeys && !apiKeys.includes(apiKey)) return { ok: false, apiKey, reason: 'API key not accepted by this backend' };
  return { ok: true, apiKey };
}

/** A printable form of a secret: the first 4 characters of keys longer than 8, then `…`; else `****`. */
export function maskKey(key: string): string {
  return key.length > 8 ? `${key.slice(0, 4)}…` : '****';
}

/** The `authorization` value with its token masked, for recorded headers. */
export function maskAuthorization(value: string): string {
  const match = /^(\S+)\s+(.*)$/.exec(value.trim());
  return match ? `${match[1]} ${maskKey(match[2]!)}` : maskKey(value);
}
