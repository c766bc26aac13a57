import { redactSecrets } from './redact';

// How far into an error's fields and causes secrets are looked for (an HTTP exporter error keeps the echoed
// body two levels down, a gRPC error its metadata five), and how much of one object or byte buffer is read.
const MAX_DEPTH = 8;
const MAX_KEYS = 200;
const MAX_BYTES = 64 * 1024;

type Redact = (text: string) => string;

function isBytes(value: object): value is ArrayBufferView {
  return ArrayBuffer.isView(value) && !(value instanceof DataView);
}

function bytesText(value: ArrayBufferView): string {
  return Buffer.from(value.buffer, value.byteOffset, Math.min(value.byteLength, MAX_BYTES)).toString('utf8');
}

function stackOf(error: Error): string | undefined {
  try {
    return typeof error.stack === 'string' ? error.stack : undefined;
  } catch {
    return undefined;
  }
}

/** Own data properties of `value` (non-enumerable ones too: an error's message, stack, cause). Getters are never run. */
function dataProperties(value: object): Array<[PropertyKey, PropertyDescriptor]> {
  const out: Array<[PropertyKey, PropertyDescriptor]> = [];
  for (const key of Reflect.ownKeys(value)) {
    if (out.length >= MAX_KEYS) break;
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor !== undefined && 'value' in descriptor) out.push([key, descriptor]);
    // newer V8 versions make an error's stack an accessor of the engine's own (no user code runs)
    else if (key === 'stack' && value instanceof Error) out.push([key, { value: stackOf(value), writable: true, enumerable: false, configurable: true }]);
  }
  return out;
}

/** True when redaction would change some string reachable from `value` (within the depth and size limits). */
function containsSecret(value: unknown, redact: Redact, depth: number, seen: Set<object>): boolean {
  if (typeof value === 'string') return redact(value) !== value;
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH || seen.has(value)) return false;
  seen.add(value);
  if (isBytes(value)) {
    const text = bytesText(value);
    return redact(text) !== text;
  }
  if (value instanceof Map) {
    let checked = 0;
    for (const [key, item] of value) {
      if (checked++ >= MAX_KEYS) break;
      if (containsSecret(key, redact, depth + 1, seen) || containsSecret(item, redact, depth + 1, seen)) return true;
    }
    return false;
  }
  if (value instanceof Set) {
    let checked = 0;
    for (const item of value) {
      if (checked++ >= MAX_KEYS) break;
      if (containsSecret(item, redact, depth + 1, seen)) return true;
    }
    return false;
  }
  return dataProperties(value).some(([, descriptor]) => containsSecret(descriptor.value, redact, depth + 1, seen));
}

/** A copy of `value` with every string redacted; same prototypes (so `instanceof` and `name` hold), no getters. */
function redactedCopy(value: unknown, redact: Redact, depth: number, copies: Map<object, unknown>): unknown {
  if (typeof value === 'string') return redact(value);
  if (value === null || typeof value !== 'object' || depth > MAX_DEPTH) return value;
  const done = copies.get(value);
  if (done !== undefined) return done;
  if (isBytes(value)) {
    const text = bytesText(value);
    const redacted = redact(text);
    return redacted === text ? value : Buffer.from(redacted, 'utf8');
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    copies.set(value, copy);
    for (const [key, item] of value) copy.set(redactedCopy(key, redact, depth + 1, copies), redactedCopy(item, redact, depth + 1, copies));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    copies.set(value, copy);
    for (const item of value) copy.add(redactedCopy(item, redact, depth + 1, copies));
    return copy;
  }
  const copy: object = Array.isArray(value) ? [] : Object.create(Object.getPrototypeOf(value) as object | null);
  copies.set(value, copy);
  for (const [key, descriptor] of dataProperties(value)) {
    Object.defineProperty(copy, key, { ...descriptor, value: redactedCopy(descriptor.value, redact, depth + 1, copies) });
  }
  return copy;
}

/**
 * `error` itself when none of its strings (message, stack, cause chain, fields such as an HTTP error's `data`
 * or a gRPC error's `details` and `metadata`, looked into up to 8 levels) contains a secret; otherwise a copy
 * with the same prototype and fields in which `secrets`, `Bearer …` tokens and `api_key=…` fragments are
 * replaced by `<redacted>`. Getters are not run and not copied. Never throws (in doubt, a plain redacted Error).
 */
export function redactError<E extends Error>(error: E, secrets: readonly string[] = []): E {
  const redact: Redact = (text) => redactSecrets(text, secrets);
  try {
    if (!containsSecret(error, redact, 0, new Set())) return error;
    return redactedCopy(error, redact, 0, new Map()) as E;
  } catch {
    const plain = new Error(redact(String(error?.message))) as E;
    return plain;
  }
}
