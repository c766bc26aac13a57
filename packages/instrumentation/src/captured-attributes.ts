import {
  ATTR,
  ATTR_PREFIX,
  OUTPUT_RESULT_KEY,
  errorMessage,
  flattenAttributes,
  isSpanEventType,
  toAttributeValue,
} from '@honeyhive/utils';
import type { Attributes } from '@opentelemetry/api';
import type { MaskFunction } from './capture-options';

/** Key under which `enrichSpan` puts a group value that is not an object (`honeyhive_outputs.value`). */
export const SCALAR_GROUP_KEY = 'value';

/** Legacy (npm honeyhive 1.x) segment between `honeyhive_inputs` and the parameter name. */
export const LEGACY_PARAMS_SEGMENT = '_params_';

const NOT_RECORDED = Symbol('not recorded');

/** Copies `from` into `to` (a `__proto__` key stays a plain key). */
export function mergeAttributes(to: Attributes, from: Attributes): void {
  for (const key of Object.keys(from)) {
    if (key === '__proto__') {
      Object.defineProperty(to, key, { value: from[key], enumerable: true, writable: true, configurable: true });
    } else {
      to[key] = from[key];
    }
  }
}

/** Flattens `value` under `prefix` into `out`, at most `budget` keys; returns how many keys were added. */
export function flattenInto(out: Attributes, value: unknown, prefix: string, budget: number): number {
  if (budget <= 0) return 0;
  const { attributes } = flattenAttributes(value, prefix, { maxAttributes: budget });
  mergeAttributes(out, attributes);
  return Object.keys(attributes).length;
}

/** `mask(key, value)`, or `value` without a mask; NOT_RECORDED when the mask throws (never leak the raw value). */
function masked(mask: MaskFunction | undefined, key: string, value: unknown): unknown {
  if (mask === undefined) return value;
  try {
    return mask(key, value);
  } catch {
    return NOT_RECORDED;
  }
}

/**
 * Flattens each `[key, value]` (masked first) under `<prefix>.<key>`, sharing one budget of
 * `maxAttributes` keys. Reads only; never throws.
 */
export function recordEntries(
  out: Attributes,
  entries: ReadonlyArray<readonly [string, unknown]>,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
): void {
  let budget = maxAttributes;
  for (const [key, value] of entries) {
    if (budget <= 0) return;
    const recorded = masked(mask, key, value);
    if (recorded === NOT_RECORDED) continue;
    budget -= flattenInto(out, recorded, `${prefix}.${key}`, budget);
  }
}

/** The prefix of captured arguments: `honeyhive_inputs` or, in the legacy shape, `honeyhive_inputs._params_`. */
export function inputPrefix(legacyInputShape: boolean): string {
  return legacyInputShape ? `${ATTR_PREFIX.INPUTS}.${LEGACY_PARAMS_SEGMENT}` : ATTR_PREFIX.INPUTS;
}

/** A return value as `honeyhive_outputs.result` (flattened under it), masked with the key `'result'`. */
export function outputAttributes(value: unknown, mask: MaskFunction | undefined, maxAttributes: number): Attributes {
  const out: Attributes = {};
  const recorded = masked(mask, 'result', value);
  if (recorded !== NOT_RECORDED) flattenInto(out, recorded, OUTPUT_RESULT_KEY, maxAttributes);
  return out;
}

/**
 * A whole group (`config`, `metadata`, `outputs`, …) under `prefix`: an object's own keys each go
 * through the mask (when given) and land under `<prefix>.<key>`; a single value (string, number,
 * Date…) under `<prefix>.value`. `null`/`undefined` add nothing.
 */
export function recordGroup(
  out: Attributes,
  value: unknown,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
): void {
  if (value === null || value === undefined) return;
  if (typeof value !== 'object' || toAttributeValue(value) !== undefined) {
    recordEntries(out, [[SCALAR_GROUP_KEY, value]], prefix, mask, maxAttributes);
    return;
  }
  if (mask === undefined || Array.isArray(value) || value instanceof Map) {
    flattenInto(out, value, prefix, maxAttributes);
    return;
  }
  let entries: Array<[string, unknown]>;
  try {
    entries = Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  } catch {
    return;
  }
  recordEntries(out, entries, prefix, mask, maxAttributes);
}

/** Extra attributes given as `attributes`: each value flattened under its own key. */
export function recordExtraAttributes(out: Attributes, extra: unknown, maxAttributes: number): void {
  if (extra === null || typeof extra !== 'object') return;
  let budget = maxAttributes;
  for (const key of Object.keys(extra)) {
    if (budget <= 0) return;
    let value: unknown;
    try {
      value = (extra as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    budget -= flattenInto(out, value, key, budget);
  }
}

/** The event type attribute when `eventType` is `model`, `tool` or `chain`. */
export function recordEventType(out: Attributes, eventType: unknown): void {
  if (isSpanEventType(eventType)) out[ATTR.EVENT_TYPE] = eventType;
}

/** The name of what was thrown: an object's constructor name, else `typeof` (`'string'`, `'undefined'`…). */
export function errorTypeName(error: unknown): string {
  try {
    if (error === null) return 'null';
    if (typeof error === 'object' || typeof error === 'function') {
      const ctor = (error as { constructor?: unknown }).constructor;
      const name = typeof ctor === 'function' ? ctor.name : undefined;
      return typeof name === 'string' && name !== '' ? name : 'Error';
    }
    return typeof error;
  } catch {
    return 'Error';
  }
}

/** `honeyhive_error` (message) and, when `withType`, `honeyhive_error_type`. */
export function errorAttributes(error: unknown, withType: boolean): Attributes {
  const out: Attributes = { [ATTR.ERROR]: errorMessage(error) };
  if (withType) out[ATTR.ERROR_TYPE] = errorTypeName(error);
  return out;
}
