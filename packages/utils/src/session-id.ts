import { randomUUID } from 'node:crypto';

const UUID_SHAPE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

/** A new session id: a random (version 4) UUID in lower case. */
export function generateSessionId(): string {
  return randomUUID().toLowerCase();
}

/**
 * True for a string in the UUID shape `8-4-4-4-12` hex digits, any case, any version (no surrounding
 * whitespace: see {@link normalizeSessionId}). Other SDKs and users may supply ids of any version.
 */
export function isValidSessionId(value: unknown): boolean {
  return typeof value === 'string' && UUID_SHAPE.test(value);
}

/** True for a version 4, RFC 4122 variant UUID string, any case. */
export function isUuidV4(value: unknown): boolean {
  return typeof value === 'string' && UUID_V4.test(value);
}

/** The trimmed, lower-cased id when `value` is a UUID (see {@link isValidSessionId}); otherwise undefined. */
export function normalizeSessionId(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const id = value.trim();
  return UUID_SHAPE.test(id) ? id.toLowerCase() : undefined;
}
