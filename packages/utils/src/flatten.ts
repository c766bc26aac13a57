import type { AttributeValue, Attributes } from '@opentelemetry/api';
import { KeyNode, childKeyNode, indexKeyNode, rootKeyNode } from './key-cache';

/** Receives flattened attributes one by one, for example `(key, value) => span.setAttribute(key, value)`. */
export type AttributeSink = (key: string, value: string | number | boolean) => void;

/** Limits for {@link flattenAttributes}. Omitted, negative or NaN values fall back to {@link DEFAULT_FLATTEN_LIMITS}. */
export interface FlattenOptions {
  /** Containers nested deeper than this many key segments below the prefix become `'[Max depth]'`. Default 10. */
  maxDepth?: number;
  /** At most this many keys are emitted. Default 1024. */
  maxAttributes?: number;
  /** Longer strings are cut, the marker included, to this many UTF-16 units. Default 65536. */
  maxStringLength?: number;
}

/** What {@link flattenAttributes} gathered, and how much it had to cut. */
export interface FlattenResult {
  /** The flattened keys; every value is a string, a number or a boolean. */
  attributes: Attributes;
  /** How many strings were cut to `maxStringLength`. */
  truncated: number;
  /**
   * How many entries were not emitted: one per entry skipped at the attribute limit (a skipped
   * subtree counts once), one per `'[Max depth]'` marker, one per unusable Map key.
   */
  dropped: number;
}

/** Default limits of {@link flattenAttributes}. */
export const DEFAULT_FLATTEN_LIMITS = Object.freeze({ maxDepth: 10, maxAttributes: 1024, maxStringLength: 65536 });

/** Marker emitted at the spot where a value refers back to one of its own ancestors. */
export const CIRCULAR_MARKER = '[Circular]';
/** Marker emitted in place of a container nested beyond `maxDepth`. */
export const MAX_DEPTH_MARKER = '[Max depth]';

interface Limits {
  maxDepth: number;
  maxAttributes: number;
  maxStringLength: number;
}

// A class (not an object spread) so that every state has one hidden class: the hot paths stay monomorphic.
class State implements Limits {
  count = 0;
  truncated = 0;
  dropped = 0;
  readonly ancestors: object[] = [];
  /** Every key stored, in order, when the caller needs the number of distinct keys. */
  emitted: string[] | undefined = undefined;
  /**
   * Two paths may have given the same key text: a segment with a dot in it, or Map keys such as `1` and
   * `'1'`. Without either, every stored key is distinct (the dotted path splits back into its segments).
   */
  mayRepeat = false;
  /** Where stored keys go instead of `out`, when set. */
  sink: AttributeSink | undefined = undefined;
  /** The first error the sink threw (the walk goes on; the caller rethrows it). */
  sinkError: { error: unknown } | undefined = undefined;

  constructor(
    readonly maxDepth: number,
    readonly maxAttributes: number,
    readonly maxStringLength: number,
    readonly out: Attributes = {},
  ) {}
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback;
}

/** A fresh state with the limits of `options` (defaults for anything unusable; all defaults when a getter throws). */
function newState(options: FlattenOptions | undefined, out?: Attributes): State {
  const defaults = DEFAULT_FLATTEN_LIMITS;
  if (options === undefined || options === null || typeof options !== 'object') {
    return new State(defaults.maxDepth, defaults.maxAttributes, defaults.maxStringLength, out);
  }
  let maxDepth: number;
  let maxAttributes: number;
  let maxStringLength: number;
  try {
    maxDepth = limit(options.maxDepth, defaults.maxDepth);
    maxAttributes = limit(options.maxAttributes, defaults.maxAttributes);
    maxStringLength = limit(options.maxStringLength, defaults.maxStringLength);
  } catch {
    // a hostile options object: keep the defaults
    return new State(defaults.maxDepth, defaults.maxAttributes, defaults.maxStringLength, out);
  }
  return new State(maxDepth, maxAttributes, maxStringLength, out);
}

/** `count`, less one when the unit before the cut is a high surrogate (never split a surrogate pair). */
function keepWhole(text: string, count: number): number {
  const last = text.charCodeAt(count - 1);
  return last >= 0xd800 && last <= 0xdbff ? count - 1 : count;
}

/** Cuts `text` to at most `max` units, ending with `…[truncated N chars]` when that marker fits. */
function cutString(text: string, max: number): string {
  const marker = (removed: number) => `…[truncated ${removed} chars]`;
  const markerLength = marker(text.length).length;
  if (markerLength >= max) return text.slice(0, keepWhole(text, max));
  const kept = keepWhole(text, max - markerLength);
  return text.slice(0, kept) + marker(text.length - kept);
}

function functionSummary(fn: Function): string {
  let name: unknown;
  try {
    name = fn.name;
  } catch {
    name = undefined;
  }
  return `[Function ${typeof name === 'string' && name !== '' ? name : '(anonymous)'}]`;
}

function describeError(error: unknown): string {
  try {
    if (error instanceof Error && typeof error.message === 'string') return error.message;
    return String(error);
  } catch {
    return 'unknown error';
  }
}

function unreadable(error: unknown): string {
  return `[Unreadable: ${describeError(error)}]`;
}

function constructorName(value: object, fallback: string): string {
  try {
    const ctor = (value as { constructor?: unknown }).constructor;
    const name = typeof ctor === 'function' ? ctor.name : undefined;
    return typeof name === 'string' && name !== '' ? name : fallback;
  } catch {
    return fallback;
  }
}

function isError(value: object): boolean {
  return value instanceof Error || Object.prototype.toString.call(value) === '[object Error]';
}

/** A string, number or boolean for a primitive (strings not yet cut); undefined for null/undefined/objects. */
function primitiveValue(value: unknown): string | number | boolean | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
      return value.toString();
    case 'symbol':
      return value.toString();
    case 'function':
      return functionSummary(value);
    default:
      return undefined;
  }
}

const NOT_A_LEAF = Symbol('not a leaf');

/** The scalar form of an object that is shown as one value, or NOT_A_LEAF for a container. May throw (proxies). */
function objectLeaf(value: object): string | number | boolean | undefined | typeof NOT_A_LEAF {
  if (Array.isArray(value)) return NOT_A_LEAF;
  if (ArrayBuffer.isView(value)) {
    const size = 'length' in value && typeof value.length === 'number' ? value.length : value.byteLength;
    return `[${constructorName(value, 'TypedArray')}(${size})]`;
  }
  // a plain object cannot be any of the kinds below (each test walks the prototype chain)
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return NOT_A_LEAF;
  if (value instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && value instanceof SharedArrayBuffer)) {
    return `[${constructorName(value, 'ArrayBuffer')}(${value.byteLength})]`;
  }
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? 'Invalid Date' : value.toISOString();
  }
  if (value instanceof RegExp) return value.toString();
  if (typeof URL === 'function' && value instanceof URL) return value.href;
  if (
    value instanceof String ||
    value instanceof Number ||
    value instanceof Boolean ||
    value instanceof BigInt ||
    value instanceof Symbol
  ) {
    return primitiveValue(value.valueOf());
  }
  if (value instanceof Promise) return '[Promise]';
  if (value instanceof WeakMap || value instanceof WeakSet) return `[${constructorName(value, 'Weak')}]`;
  return NOT_A_LEAF;
}

function emit(state: State, key: string, value: string | number | boolean): void {
  if (key === '') {
    state.dropped += 1;
    return;
  }
  if (state.count >= state.maxAttributes) {
    state.dropped += 1;
    return;
  }
  let final = value;
  if (typeof value === 'string' && value.length > state.maxStringLength) {
    final = cutString(value, state.maxStringLength);
    state.truncated += 1;
  }
  const sink = state.sink;
  if (sink !== undefined) {
    try {
      sink(key, final);
    } catch (error) {
      state.sinkError ??= { error };
    }
  } else if (key === '__proto__') {
    Object.defineProperty(state.out, key, { value: final, enumerable: true, writable: true, configurable: true });
  } else {
    state.out[key] = final;
  }
  state.count += 1;
  state.emitted?.push(key);
}

function full(state: State): boolean {
  return state.count >= state.maxAttributes;
}

/** Visits `holder[property]`; a throwing getter or proxy trap gives '[Unreadable: …]' for that key only. */
function visitProperty(state: State, holder: object, property: PropertyKey, node: KeyNode, depth: number): void {
  let child: unknown;
  try {
    child = (holder as Record<PropertyKey, unknown>)[property];
  } catch (error) {
    emit(state, node.key, unreadable(error));
    return;
  }
  visit(state, child, node, depth);
}

function visit(state: State, value: unknown, node: KeyNode, depth: number): void {
  if (value === null || value === undefined) return;
  const key = node.key;
  if (typeof value !== 'object') {
    const scalar = typeof value === 'string' ? value : primitiveValue(value);
    if (scalar !== undefined) emit(state, key, scalar);
    return;
  }
  if (full(state)) {
    state.dropped += 1;
    return;
  }
  if (state.ancestors.includes(value)) {
    emit(state, key, CIRCULAR_MARKER);
    return;
  }
  state.ancestors.push(value);
  try {
    visitObject(state, value, node, depth);
  } catch (error) {
    emit(state, key, unreadable(error));
  } finally {
    state.ancestors.pop();
  }
}

function visitObject(state: State, value: object, node: KeyNode, depth: number): void {
  const key = node.key;
  const leaf = objectLeaf(value);
  if (leaf !== NOT_A_LEAF) {
    if (leaf !== undefined) emit(state, key, leaf);
    return;
  }
  if (depth >= state.maxDepth) {
    emit(state, key, MAX_DEPTH_MARKER);
    state.dropped += 1;
    return;
  }
  const next = depth + 1;
  if (Array.isArray(value)) {
    const length = value.length;
    for (let i = 0; i < length; i += 1) {
      if (full(state)) {
        state.dropped += length - i;
        return;
      }
      visitProperty(state, value, i, indexKeyNode(node, i), next);
    }
    return;
  }
  if (isError(value)) {
    visitProperty(state, value, 'message', childKeyNode(node, 'message'), next);
    emit(state, childKeyNode(node, 'type').key, constructorName(value, 'Error'));
    return;
  }
  if (value instanceof Map) {
    state.mayRepeat = true;
    let remaining = value.size;
    for (const [entryKey, entryValue] of value) {
      if (full(state)) {
        state.dropped += remaining;
        return;
      }
      remaining -= 1;
      const segment = mapKeySegment(entryKey);
      if (segment === undefined) state.dropped += 1;
      else visit(state, entryValue, childKeyNode(node, segment), next);
    }
    return;
  }
  if (value instanceof Set) {
    let index = 0;
    for (const item of value) {
      if (full(state)) {
        state.dropped += value.size - index;
        return;
      }
      visit(state, item, indexKeyNode(node, index), next);
      index += 1;
    }
    return;
  }
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    if (full(state)) {
      state.dropped += keys.length - i;
      return;
    }
    const name = keys[i] as string;
    const child = childKeyNode(node, name);
    if (child.dotted) state.mayRepeat = true;
    visitProperty(state, value, name, child, next);
  }
}

function mapKeySegment(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (key === null || key === undefined || (typeof key !== 'object' && typeof key !== 'function')) return String(key);
  return undefined;
}

/**
 * Flattens any value into OpenTelemetry attributes under `prefix`, within limits. Never throws and never
 * changes `value`; on an unexpected failure it returns what it had gathered.
 *
 * - a primitive at the top lands under `prefix` itself (with an empty prefix it is dropped);
 * - objects give dotted keys (`prefix.a.b`), arrays and Sets `.<index>`, Maps their primitive keys;
 *   key segments that contain dots are kept as they are; empty objects and arrays give no key;
 * - `null`/`undefined` give no key; finite numbers and booleans stay; NaN/±Infinity, bigints and symbols become strings;
 * - functions become `'[Function name]'`; Dates their ISO string (`'Invalid Date'`); RegExp and URL their text;
 * - Errors give `<key>.message` and `<key>.type` (constructor name), never the stack;
 * - typed arrays, Buffers and ArrayBuffers become a summary such as `'[Uint8Array(16)]'`;
 * - other objects (class instances included) give their own enumerable string-keyed properties;
 * - a reference back to an ancestor becomes `'[Circular]'`; a getter or proxy trap that throws `'[Unreadable: message]'`;
 * - containers below `maxDepth` segments become `'[Max depth]'`; long strings end with `…[truncated N chars]`.
 */
export function flattenAttributes(value: unknown, prefix: string, options?: FlattenOptions): FlattenResult {
  // null/undefined add nothing whatever the limits: no state needed
  if (value === null || value === undefined) return { attributes: {}, truncated: 0, dropped: 0 };
  let root: KeyNode;
  try {
    root = rootKeyNode(typeof prefix === 'string' ? prefix : '');
  } catch {
    root = new KeyNode(typeof prefix === 'string' ? prefix : '');
  }
  return flattenAtNode(value, root, options);
}

/**
 * Flattens `value` under the key of `node` straight into `out`, with at most `maxAttributes` keys, and
 * returns how many distinct keys it stored (when `countKeys` is false, how many keys it wrote: an upper bound). `out` ends up exactly as if
 * `flattenAtNode`'s attributes had been copied into it, without the intermediate object. Never throws.
 * Not part of the public API.
 */
export function flattenIntoTarget(out: Attributes, value: unknown, node: KeyNode, maxAttributes: number, countKeys: boolean): number {
  if (value === null || value === undefined) return 0;
  const defaults = DEFAULT_FLATTEN_LIMITS;
  const state = new State(defaults.maxDepth, limit(maxAttributes, defaults.maxAttributes), defaults.maxStringLength, out);
  if (countKeys) state.emitted = [];
  try {
    visit(state, value, node, 0);
  } catch {
    // keep what was stored (as flattenAttributes does)
  }
  if (!countKeys) return state.count;
  return state.mayRepeat ? new Set(state.emitted).size : state.count;
}

/**
 * Like {@link flattenIntoTarget}, but hands each stored key to `sink` in the order it is reached (a key
 * reached twice is handed twice; the last value is the one an object would keep). Rethrows the first
 * error `sink` threw, after the walk. Not part of the public API.
 */
export function flattenToSink(sink: AttributeSink, value: unknown, node: KeyNode, maxAttributes: number, countKeys: boolean): number {
  if (value === null || value === undefined) return 0;
  const defaults = DEFAULT_FLATTEN_LIMITS;
  const state = new State(defaults.maxDepth, limit(maxAttributes, defaults.maxAttributes), defaults.maxStringLength);
  state.sink = sink;
  if (countKeys) state.emitted = [];
  try {
    visit(state, value, node, 0);
  } catch {
    // keep what was stored (as flattenAttributes does)
  }
  if (state.sinkError !== undefined) throw state.sinkError.error;
  if (!countKeys) return 0;
  return state.mayRepeat ? new Set(state.emitted).size : state.count;
}

/**
 * {@link flattenAttributes} under the key of `node` (see `key-cache.ts`), for callers that build their
 * prefixes from cached key nodes. Not part of the public API.
 */
export function flattenAtNode(value: unknown, node: KeyNode, options?: FlattenOptions): FlattenResult {
  if (value === null || value === undefined) return { attributes: {}, truncated: 0, dropped: 0 };
  const state = newState(options);
  try {
    visit(state, value, node, 0);
  } catch {
    // return what was gathered (for example after a stack overflow with a huge maxDepth)
  }
  return { attributes: state.out, truncated: state.truncated, dropped: state.dropped };
}

/** Options of {@link toAttributeValue}. */
export interface ToAttributeValueOptions {
  /** Longer strings are cut (marker included) to this length. Default 65536. */
  maxStringLength?: number;
}

/**
 * One value as a single OpenTelemetry attribute value, by the same rules as {@link flattenAttributes}
 * for a leaf: strings (cut to `maxStringLength`), finite numbers and booleans as they are; NaN/Infinity,
 * bigint, symbol, functions, Dates, RegExps, URLs, boxed primitives and binary data as strings.
 * Returns undefined for null/undefined and for containers (flatten those). Never throws.
 */
export function toAttributeValue(value: unknown, options?: ToAttributeValueOptions): AttributeValue | undefined {
  let scalar: string | number | boolean | undefined;
  try {
    if (value !== null && typeof value === 'object') {
      const leaf = objectLeaf(value);
      scalar = leaf === NOT_A_LEAF ? undefined : leaf;
    } else {
      scalar = primitiveValue(value);
    }
  } catch (error) {
    scalar = unreadable(error);
  }
  if (typeof scalar !== 'string') return scalar;
  let max: number = DEFAULT_FLATTEN_LIMITS.maxStringLength;
  try {
    max = limit(options?.maxStringLength, max);
  } catch {
    // a hostile options object: keep the default
  }
  return scalar.length > max ? cutString(scalar, max) : scalar;
}
