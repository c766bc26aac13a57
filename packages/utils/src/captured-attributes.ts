import type { Attributes } from '@opentelemetry/api';
import { ATTR, ATTR_PREFIX, OUTPUT_RESULT_KEY } from './attribute-keys';
import { isSpanEventType } from './event-types';
import { flattenIntoTarget, flattenToSink, toAttributeValue, type AttributeSink } from './flatten';
import { childKeyNode, rootKeyNode, type KeyNode } from './key-cache';
import { errorMessage } from './safe-call';

/**
 * Called for each captured value before it is recorded: every top-level input (with its key, e.g. the
 * parameter name) and the return value (with the key `'result'`). Return what to record instead, for
 * example a masked copy; `undefined` records nothing. It must not change `value` itself. If it throws,
 * that value is not recorded at all (a failing mask never leaks the raw value).
 */
export type MaskFunction = (key: string, value: unknown) => unknown;

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
  return flattenIntoNode(out, value, rootKeyNode(typeof prefix === 'string' ? prefix : ''), budget, true);
}

/**
 * {@link flattenInto} under the key of a cached key node, writing straight into `out`; counts the keys
 * only when `countKeys` (callers sharing a budget need the count, the others do not).
 */
function flattenIntoNode(out: Attributes, value: unknown, node: KeyNode, budget: number, countKeys: boolean): number {
  if (budget <= 0 || value === null || value === undefined) return 0;
  return flattenIntoTarget(out, value, node, budget, countKeys);
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
 * `maxAttributes` keys. Returns how many keys it added. Reads only; never throws.
 */
export function recordEntries(
  out: Attributes,
  entries: ReadonlyArray<readonly [string, unknown]>,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
): number {
  let budget = maxAttributes;
  const root = rootKeyNode(prefix);
  for (const [key, value] of entries) {
    if (budget <= 0) break;
    const recorded = masked(mask, key, value);
    if (recorded === NOT_RECORDED) continue;
    // `${prefix}.${key}`, even for an empty prefix
    const node = prefix === '' ? rootKeyNode(`.${key}`) : childKeyNode(root, String(key));
    budget -= flattenIntoNode(out, recorded, node, budget, true);
  }
  return maxAttributes - budget;
}

/**
 * {@link recordEntries}, handing each attribute to `sink` (e.g. `span.setAttribute`) instead of
 * collecting them in an object: the same keys and final values, without building the object. Keys are
 * handed over in the order they are reached; a key reached twice is handed twice (the last value is
 * the one `recordEntries` keeps). If `sink` throws, the first error is rethrown once every entry was
 * handed over.
 */
export function recordEntriesToSink(
  sink: AttributeSink,
  entries: ReadonlyArray<readonly [string, unknown]>,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
): void {
  let budget = maxAttributes;
  const root = rootKeyNode(prefix);
  let failure: { error: unknown } | undefined;
  for (const [key, value] of entries) {
    if (budget <= 0) break;
    const recorded = masked(mask, key, value);
    if (recorded === NOT_RECORDED || recorded === null || recorded === undefined) continue;
    const node = prefix === '' ? rootKeyNode(`.${key}`) : childKeyNode(root, String(key));
    try {
      budget -= flattenToSink(sink, recorded, node, budget, true);
    } catch (error) {
      failure ??= { error };
    }
  }
  if (failure !== undefined) throw failure.error;
}

/** {@link outputAttributes}, handed to `sink` one by one (see {@link recordEntriesToSink}). */
export function recordOutputToSink(sink: AttributeSink, value: unknown, mask: MaskFunction | undefined, maxAttributes: number): void {
  const recorded = masked(mask, 'result', value);
  if (recorded === NOT_RECORDED || maxAttributes <= 0) return;
  flattenToSink(sink, recorded, rootKeyNode(OUTPUT_RESULT_KEY), maxAttributes, false);
}

/** The prefix of captured arguments: `honeyhive_inputs` or, in the legacy shape, `honeyhive_inputs._params_`. */
export function inputPrefix(legacyInputShape: boolean): string {
  return legacyInputShape ? `${ATTR_PREFIX.INPUTS}.${LEGACY_PARAMS_SEGMENT}` : ATTR_PREFIX.INPUTS;
}

/** A return value as `honeyhive_outputs.result` (flattened under it), masked with the key `'result'`. */
export function outputAttributes(value: unknown, mask: MaskFunction | undefined, maxAttributes: number): Attributes {
  const out: Attributes = {};
  const recorded = masked(mask, 'result', value);
  if (recorded !== NOT_RECORDED) flattenIntoNode(out, recorded, rootKeyNode(OUTPUT_RESULT_KEY), maxAttributes, false);
  return out;
}

/**
 * A whole group (`config`, `metadata`, `outputs`, …) under `prefix`: an object's own keys each go
 * through the mask (when given) and land under `<prefix>.<key>`; a single value (string, number,
 * Date…) under `<prefix>.value`. `null`/`undefined` add nothing. Returns how many keys it wrote, at
 * most `maxAttributes` (keys written twice count twice).
 */
export function recordGroup(
  out: Attributes,
  value: unknown,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
): number {
  if (value === null || value === undefined || maxAttributes <= 0) return 0;
  if (typeof value !== 'object' || toAttributeValue(value) !== undefined) {
    return recordEntries(out, [[SCALAR_GROUP_KEY, value]], prefix, mask, maxAttributes);
  }
  if (mask === undefined || Array.isArray(value) || value instanceof Map) {
    return flattenIntoNode(out, value, rootKeyNode(prefix), maxAttributes, false);
  }
  let entries: Array<[string, unknown]>;
  try {
    entries = Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]]);
  } catch {
    return 0;
  }
  return recordEntries(out, entries, prefix, mask, maxAttributes);
}

/** Extra attributes given as `attributes`: each value flattened under its own key. Returns how many keys it added. */
export function recordExtraAttributes(out: Attributes, extra: unknown, maxAttributes: number): number {
  if (extra === null || typeof extra !== 'object') return 0;
  let budget = maxAttributes;
  for (const key of Object.keys(extra)) {
    if (budget <= 0) break;
    let value: unknown;
    try {
      value = (extra as Record<string, unknown>)[key];
    } catch {
      continue;
    }
    budget -= flattenInto(out, value, key, budget);
  }
  return maxAttributes - budget;
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

/**
 * What can be added to a span by enrichment (`enrichSpan`, `startSpan` options). Every field is optional;
 * `null`/`undefined` fields add nothing.
 */
export interface EnrichmentFields {
  /** Flattened under `honeyhive_inputs` (a single value under `honeyhive_inputs.value`); masked per key. */
  inputs?: unknown;
  /** Flattened under `honeyhive_outputs` (a single value under `honeyhive_outputs.value`); masked per key. */
  outputs?: unknown;
  /** Flattened under `honeyhive_config`. */
  config?: unknown;
  /** Flattened under `honeyhive_metadata`. */
  metadata?: unknown;
  /** Flattened under `honeyhive_metrics`. */
  metrics?: unknown;
  /** Flattened under `honeyhive_feedback`. */
  feedback?: unknown;
  /** Flattened under `honeyhive_user_properties`. */
  userProperties?: unknown;
  /** Sets `honeyhive_error` (its message) and, for an Error, `honeyhive_error_type`. */
  error?: unknown;
  /** Sets `honeyhive_event_name`. */
  eventName?: string;
  /** Sets `honeyhive_event_type` when it is `model`, `tool` or `chain`. */
  eventType?: string;
  /** Extra attributes; object values are flattened under their key. The HoneyHive fields win on a clash. */
  attributes?: Attributes | Record<string, unknown>;
}

/** Options of {@link enrichmentAttributes}. */
export interface EnrichmentOptions {
  /** At most this many attributes from all the groups together (default 1024); the error, event type and name come on top. */
  maxAttributes?: number;
  /** Applied to each top-level key of `inputs` and `outputs` before flattening. */
  mask?: MaskFunction;
}

function isErrorLike(value: unknown): boolean {
  try {
    return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
  } catch {
    return false;
  }
}

/**
 * The span attributes for `fields`: extra `attributes` first, then each group flattened under its WIRE.md
 * prefix (nested objects as dotted keys, arrays as `.<index>`, `null` skipped), then the error, event type
 * and event name. Never throws (returns what it gathered) and never changes `fields`.
 */
export function enrichmentAttributes(fields: EnrichmentFields | undefined, options: EnrichmentOptions = {}): Attributes {
  const out: Attributes = {};
  if (fields === null || typeof fields !== 'object') return out;
  const max = typeof options.maxAttributes === 'number' && options.maxAttributes >= 0 ? options.maxAttributes : 1024;
  const mask = options.mask;
  try {
    // one budget for all the groups, so that the span keeps room for the keys the tracer stamps
    let budget = max;
    budget -= recordExtraAttributes(out, fields.attributes, budget);
    budget -= recordGroup(out, fields.inputs, ATTR_PREFIX.INPUTS, mask, budget);
    budget -= recordGroup(out, fields.outputs, ATTR_PREFIX.OUTPUTS, mask, budget);
    budget -= recordGroup(out, fields.config, ATTR_PREFIX.CONFIG, undefined, budget);
    budget -= recordGroup(out, fields.metadata, ATTR_PREFIX.METADATA, undefined, budget);
    budget -= recordGroup(out, fields.metrics, ATTR_PREFIX.METRICS, undefined, budget);
    budget -= recordGroup(out, fields.feedback, ATTR_PREFIX.FEEDBACK, undefined, budget);
    recordGroup(out, fields.userProperties, ATTR_PREFIX.USER_PROPERTIES, undefined, budget);
    if (fields.error !== undefined && fields.error !== null) mergeAttributes(out, errorAttributes(fields.error, isErrorLike(fields.error)));
    recordEventType(out, fields.eventType);
    if (typeof fields.eventName === 'string' && fields.eventName !== '') out[ATTR.EVENT_NAME] = fields.eventName;
  } catch {
    // a hostile getter: return what was gathered
  }
  return out;
}
