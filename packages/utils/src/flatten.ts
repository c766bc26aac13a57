import type { AttributeValue, Attributes } from '@opentelemetry/api';
import type { CaptureRules, MaskFunction } from './capture-rules';
import { KeyNode, childKeyNode, childKeyNodeAt, indexKeyNode, rootKeyNode } from './key-cache';
import {
  ACCESSOR,
  boxedValue,
  bufferSummary,
  constructorName,
  dateText,
  forEachMapEntry,
  forEachSetItem,
  functionName,
  inheritedData,
  isBoxedPrimitive,
  isDate,
  isErrorObject,
  isMap,
  isPromise,
  isProxy,
  isRegExp,
  isSet,
  isWeakMap,
  isWeakSet,
  ownData,
  regExpText,
  sizeOfMap,
  sizeOfSet,
  streamPlaceholder,
  urlText,
  viewSummary,
} from './safe-read';
import { KEEP_KEY, REDACT_KEY, SecretRedaction } from './secret-redaction';

/** Receives flattened attributes one by one, for example `(key, value) => span.setAttribute(key, value)`. */
export type AttributeSink = (key: string, value: string | number | boolean) => void;

/** Limits and rules for {@link flattenAttributes}. Omitted, negative or NaN limits fall back to {@link DEFAULT_FLATTEN_LIMITS}. */
export interface FlattenOptions {
  /** Containers nested deeper than this many key segments below the prefix become `'[Max depth]'`. Default 10. */
  maxDepth?: number;
  /**
   * At most this many keys are emitted. Default 1024. At most twice this many entries (array items, holes
   * included; object properties; Map and Set entries) are read, whatever the size of the value.
   */
  maxAttributes?: number;
  /** Longer strings are cut, the marker included, to this many UTF-16 units. Default 65536. */
  maxStringLength?: number;
  /** Secret keys and values to redact. Default: `SecretRedaction.DEFAULT`; `SecretRedaction.NONE` turns it off. */
  redaction?: SecretRedaction;
  /** Applied to every property below the top (see {@link MaskFunction}). */
  mask?: MaskFunction;
}

/** What {@link flattenAttributes} gathered, and how much it had to cut. */
export interface FlattenResult {
  /** The flattened keys; every value is a string, a number or a boolean. */
  attributes: Attributes;
  /** How many strings were cut to `maxStringLength`. */
  truncated: number;
  /**
   * How many entries were not emitted: one per entry skipped at the attribute or read limit (a skipped
   * subtree counts once), one per `'[Max depth]'` marker, one per unusable Map key.
   */
  dropped: number;
  /**
   * How many entries were read (array items, holes included; object properties; Map and Set entries): at
   * most `READS_PER_ATTRIBUTE × maxAttributes` whatever the size of the value.
   */
  read: number;
}

/** Default limits of {@link flattenAttributes}. */
export const DEFAULT_FLATTEN_LIMITS = Object.freeze({ maxDepth: 10, maxAttributes: 1024, maxStringLength: 65536 });

/** Entries read per attribute allowed: capture reads at most `READS_PER_ATTRIBUTE × maxAttributes` entries. */
export const READS_PER_ATTRIBUTE = 2;

/** Marker emitted at the spot where a value refers back to one of its own ancestors. */
export const CIRCULAR_MARKER = '[Circular]';
/** Marker emitted in place of a container nested beyond `maxDepth`. */
export const MAX_DEPTH_MARKER = '[Max depth]';
/** Marker emitted for a Proxy: reading it would run its traps. */
export const PROXY_MARKER = '[Proxy]';
/** Marker emitted for an accessor property: reading it would run its getter. */
export const GETTER_MARKER = '[Getter]';

/**
 * The containers being visited, outermost first, by every capture in progress: one stack for all, not an array
 * per capture. A capture started while another one is visiting (from a mask, which is user code) looks only
 * above where it started ({@link CaptureState.ancestorsFrom}), and leaves the stack as it found it.
 */
const ancestorStack: object[] = [];

/** True when `value` is a container `state`'s capture is visiting now (a reference back to an ancestor). Not part of the public API. */
export function isAncestor(state: CaptureState, value: object): boolean {
  return ancestorStack.indexOf(value, state.ancestorsFrom) !== -1;
}

/** Marks `value` as being visited, until the matching {@link leaveAncestor}. Not part of the public API. */
export function enterAncestor(value: object): void {
  ancestorStack.push(value);
}

/** Ends the visit of the container entered last. Not part of the public API. */
export function leaveAncestor(): void {
  ancestorStack.pop();
}

/**
 * Drops whatever `state`'s capture left on the stack of containers (only a visit cut short without its
 * `leaveAncestor`, such as a stack overflow inside a `finally`, leaves anything): nothing stays referenced.
 * Not part of the public API.
 */
export function releaseAncestors(state: CaptureState): void {
  if (ancestorStack.length > state.ancestorsFrom) ancestorStack.length = state.ancestorsFrom;
}

/** What a mask that threw gives: nothing is recorded for that value. Not part of the public API. */
export const NOT_RECORDED = Symbol('not recorded');
const getPrototypeOf = Object.getPrototypeOf;
/** The `out` of a state that hands its keys to a sink (never written). */
const NO_TARGET: Attributes = Object.freeze({}) as Attributes;
const objectKeys = Object.keys;

/**
 * One capture: limits, rules and counters, shared by every value captured together (the arguments of a
 * call, the groups of an enrichment), so that their keys and reads come out of one budget.
 * A class (not an object spread) so that every state has one hidden class: the hot paths stay monomorphic.
 * Not part of the public API.
 */
export class CaptureState {
  count = 0;
  truncated = 0;
  dropped = 0;
  /** Entries that may still be read (holes and nulls included): bounds the cost whatever the input. */
  readsLeft: number;
  /** Where this capture's containers start in the stack of containers being visited (see {@link isAncestor}). */
  readonly ancestorsFrom: number = ancestorStack.length;
  /**
   * The keys stored, in order, in its first {@link emittedCount} slots (to count distinct keys once two paths
   * may give the same key). Taken from the capture that ended last, so most captures allocate no list.
   */
  emitted: string[] | undefined = undefined;
  emittedCount = 0;
  /**
   * Set once a key text may have been reached twice (a segment with a dot in it, or Map keys such as `1`
   * and `'1'`): from then on keys already stored do not count again.
   */
  seen: Set<string> | undefined = undefined;
  /** Where stored keys go instead of `out`, when set. */
  sink: AttributeSink | undefined = undefined;
  /** The first error the sink threw (the walk goes on; the caller rethrows it). */
  sinkError: { error: unknown } | undefined = undefined;
  /** Applied below the top of each captured value. */
  mask: MaskFunction | undefined;
  readonly redaction: SecretRedaction;
  /** Secret values are looked for in strings. */
  readonly scrub: boolean;

  constructor(
    readonly maxDepth: number,
    readonly maxAttributes: number,
    readonly maxStringLength: number,
    rules: CaptureRules | undefined,
    readonly out: Attributes = NO_TARGET,
  ) {
    this.readsLeft = READS_PER_ATTRIBUTE * maxAttributes;
    this.mask = typeof rules?.mask === 'function' ? rules.mask : undefined;
    const redaction = rules?.redaction;
    this.redaction = redaction instanceof SecretRedaction ? redaction : SecretRedaction.DEFAULT;
    this.scrub = this.redaction.hasSecretValues;
  }
}

function limit(value: unknown, fallback: number): number {
  return typeof value === 'number' && value >= 0 ? Math.floor(value) : fallback;
}

/** A capture with the default depth and string limits, at most `maxAttributes` keys. Not part of the public API. */
export function newCapture(maxAttributes: number, rules?: CaptureRules, out?: Attributes): CaptureState {
  const defaults = DEFAULT_FLATTEN_LIMITS;
  return new CaptureState(defaults.maxDepth, limit(maxAttributes, defaults.maxAttributes), defaults.maxStringLength, rules, out);
}

/**
 * A fresh state with the limits of `options` (defaults for anything unusable; all defaults when a getter
 * throws). Not part of the public API.
 */
export function newState(options: FlattenOptions | undefined): CaptureState {
  const defaults = DEFAULT_FLATTEN_LIMITS;
  if (options === undefined || options === null || typeof options !== 'object' || isProxy(options)) {
    return new CaptureState(defaults.maxDepth, defaults.maxAttributes, defaults.maxStringLength, undefined, {});
  }
  try {
    return new CaptureState(
      limit(options.maxDepth, defaults.maxDepth),
      limit(options.maxAttributes, defaults.maxAttributes),
      limit(options.maxStringLength, defaults.maxStringLength),
      { mask: options.mask, redaction: options.redaction },
      {},
    );
  } catch {
    // a hostile options object: keep the defaults
    return new CaptureState(defaults.maxDepth, defaults.maxAttributes, defaults.maxStringLength, undefined, {});
  }
}

/** `count`, less one when the unit before the cut is a high surrogate (never split a surrogate pair). */
function keepWhole(text: string, count: number): number {
  const last = text.charCodeAt(count - 1);
  return last >= 0xd800 && last <= 0xdbff ? count - 1 : count;
}

/**
 * Cuts `text` to at most `max` units, ending with `…[truncated N chars]` when that marker fits. `total` is
 * the length of the original text (`text` may be a scrubbed head of it).
 */
function cutString(text: string, max: number, total: number = text.length): string {
  const marker = (removed: number) => `…[truncated ${removed} chars]`;
  const markerLength = marker(total).length;
  if (markerLength >= max) return text.slice(0, keepWhole(text, max));
  const kept = keepWhole(text, max - markerLength);
  return text.slice(0, kept) + marker(total - kept);
}

function functionSummary(fn: Function): string {
  return `[Function ${functionName(fn) ?? '(anonymous)'}]`;
}

function describeError(error: unknown): string {
  try {
    if (typeof error === 'string') return error;
    if (error !== null && typeof error === 'object' && !isProxy(error)) {
      const message = inheritedData(error, 'message');
      if (typeof message === 'string') return message;
    }
    return typeof error === 'object' || typeof error === 'function' ? 'unknown error' : String(error);
  } catch {
    return 'unknown error';
  }
}

/** `'[Unreadable: message]'` for a failure while reading a value. Not part of the public API. */
export function unreadable(error: unknown): string {
  return `[Unreadable: ${describeError(error)}]`;
}

/**
 * A string, number or boolean for a primitive (strings not yet cut); undefined for null/undefined/objects.
 * Not part of the public API.
 */
export function primitiveValue(value: unknown): string | number | boolean | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : String(value);
    case 'bigint':
    case 'symbol':
      // String() of a bigint or symbol looks nothing up: no user code
      return String(value);
    case 'function':
      return isProxy(value) ? PROXY_MARKER : functionSummary(value);
    default:
      return undefined;
  }
}

/** What {@link objectLeaf} gives for a container. Not part of the public API. */
export const NOT_A_LEAF = Symbol('not a leaf');

/**
 * The scalar form of a non-plain object shown as one value (binary data, Date, RegExp, URL, boxed primitive,
 * Promise, weak collection, stream or iterator placeholder), or NOT_A_LEAF for a container. Reads internal
 * slots and built-in getters only; `value` must not be a proxy.
 */
function specialLeaf(value: object): string | number | boolean | undefined | typeof NOT_A_LEAF {
  if (ArrayBuffer.isView(value)) return viewSummary(value);
  const buffer = bufferSummary(value);
  if (buffer !== undefined) return buffer;
  if (isDate(value)) return dateText(value);
  if (isRegExp(value)) return regExpText(value);
  if (isBoxedPrimitive(value)) return primitiveValue(boxedValue(value));
  if (isPromise(value)) return '[Promise]';
  if (isWeakMap(value) || isWeakSet(value)) return `[${constructorName(value, 'Weak')}]`;
  const url = urlText(value);
  if (url !== undefined) return url;
  return streamPlaceholder(value) ?? NOT_A_LEAF;
}

/**
 * The scalar form of any object shown as one value (`'[Proxy]'` for a proxy), or NOT_A_LEAF for a container.
 * Never runs user code. Not part of the public API.
 */
export function objectLeaf(value: object): string | number | boolean | undefined | typeof NOT_A_LEAF {
  if (isProxy(value)) return PROXY_MARKER;
  if (Array.isArray(value)) return NOT_A_LEAF;
  const proto: unknown = getPrototypeOf(value);
  if (proto === Object.prototype || proto === null) return NOT_A_LEAF;
  return specialLeaf(value);
}

/** `text` within the string limit, with the redaction's secret values replaced. Not part of the public API. */
export function fitString(state: CaptureState, text: string): string {
  const max = state.maxStringLength;
  if (!state.scrub) {
    if (text.length <= max) return text;
    state.truncated += 1;
    return cutString(text, max);
  }
  // only the part that can be kept is searched (an occurrence that starts before the cut ends within this head)
  const head = text.length > max ? text.slice(0, max + state.redaction.longestSecretValue) : text;
  const clean = state.redaction.scrub(head);
  if (head === text && clean.length <= max) return clean;
  state.truncated += 1;
  return cutString(clean, max, text.length - head.length + clean.length);
}

function markMayRepeat(state: CaptureState): void {
  if (state.seen !== undefined) return;
  const seen = new Set<string>();
  const emitted = state.emitted;
  if (emitted !== undefined) for (let i = 0; i < state.emittedCount; i += 1) seen.add(emitted[i] as string);
  state.seen = seen;
}

/** The key list of the last capture that ended (see {@link endCapture}), for the next one to fill. */
let spareEmitted: string[] | undefined;
/** A longer list is not kept after its capture. */
const MAX_SPARE_KEYS = 1024;

function remember(state: CaptureState, key: string): void {
  let emitted = state.emitted;
  if (emitted === undefined) {
    emitted = spareEmitted ?? [];
    spareEmitted = undefined;
    state.emitted = emitted;
  }
  emitted[state.emittedCount] = key;
  state.emittedCount += 1;
}

/**
 * Ends a capture: its key list is kept for the next capture to reuse. The state must not store keys
 * afterwards (reading its counters is fine). Not part of the public API.
 */
export function endCapture(state: CaptureState): void {
  releaseAncestors(state);
  const emitted = state.emitted;
  if (emitted === undefined) return;
  const count = state.emittedCount;
  state.emitted = undefined;
  state.emittedCount = 0;
  if (emitted.length > MAX_SPARE_KEYS) return;
  // hold on to no key text (a key built from a long segment may be large) until the next capture
  for (let i = 0; i < count; i += 1) emitted[i] = '';
  spareEmitted = emitted;
}

function emit(state: CaptureState, key: string, value: string | number | boolean): void {
  if (key === '') {
    state.dropped += 1;
    return;
  }
  const seen = state.seen;
  const repeated = seen !== undefined && seen.has(key);
  if (!repeated && state.count >= state.maxAttributes) {
    state.dropped += 1;
    return;
  }
  const final = typeof value === 'string' ? fitString(state, value) : value;
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
  if (repeated) return;
  state.count += 1;
  remember(state, key);
  seen?.add(key);
}

/** True when the state has stored all the keys it may. Not part of the public API. */
export function full(state: CaptureState): boolean {
  return state.count >= state.maxAttributes;
}

/** How many entries `state` has read. Not part of the public API. */
export function readsOf(state: CaptureState): number {
  return READS_PER_ATTRIBUTE * state.maxAttributes - state.readsLeft;
}

/** Takes one read from the budget; false (nothing taken) when it is spent. Not part of the public API. */
export function takeRead(state: CaptureState): boolean {
  if (state.readsLeft <= 0) return false;
  state.readsLeft -= 1;
  return true;
}

/** Whether the value under `node` (last segment `segment`) is kept, redacted or dropped; cached on the node. */
function keyVerdict(state: CaptureState, node: KeyNode, segment: string): number {
  const redaction = state.redaction;
  if (!redaction.enabled) return KEEP_KEY;
  if (node.verdictFor === redaction) return node.verdict;
  const verdict = redaction.verdict(segment);
  node.verdictFor = redaction;
  node.verdict = verdict;
  return verdict;
}

/** `mask(key, value, path)`; NOT_RECORDED when the mask throws (never leak the raw value). Not part of the public API. */
export function applyMask(mask: MaskFunction, key: string, value: unknown, path: string): unknown {
  try {
    return mask(key, value, path);
  } catch {
    return NOT_RECORDED;
  }
}

/**
 * One entry read from a container (or given at the top): its key verdict, the mask, then the value itself.
 * `raw` is what was read: a value, or ACCESSOR for a property with a getter (never called).
 */
function visitEntry(state: CaptureState, segment: string, raw: unknown, node: KeyNode, depth: number): void {
  if (raw === undefined || raw === null) return;
  const verdict = keyVerdict(state, node, segment);
  if (verdict !== KEEP_KEY) {
    if (verdict === REDACT_KEY) emit(state, node.key, state.redaction.marker);
    else state.dropped += 1;
    return;
  }
  if (raw === ACCESSOR) {
    emit(state, node.key, GETTER_MARKER);
    return;
  }
  let value: unknown = raw;
  const mask = state.mask;
  if (mask !== undefined) {
    value = applyMask(mask, segment, raw, node.key);
    if (value === NOT_RECORDED) {
      state.dropped += 1;
      return;
    }
  }
  visit(state, value, node, depth);
}

function visit(state: CaptureState, value: unknown, node: KeyNode, depth: number): void {
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
  if (isProxy(value)) {
    emit(state, key, PROXY_MARKER);
    return;
  }
  if (isAncestor(state, value)) {
    emit(state, key, CIRCULAR_MARKER);
    return;
  }
  enterAncestor(value);
  try {
    visitObject(state, value, node, depth);
  } catch (error) {
    emit(state, key, unreadable(error));
  } finally {
    leaveAncestor();
  }
}

function visitObject(state: CaptureState, value: object, node: KeyNode, depth: number): void {
  const isArray = Array.isArray(value);
  const proto: unknown = isArray ? undefined : getPrototypeOf(value);
  const plain = isArray || proto === Object.prototype || proto === null;
  if (!plain) {
    const leaf = specialLeaf(value);
    if (leaf !== NOT_A_LEAF) {
      if (leaf !== undefined) emit(state, node.key, leaf);
      return;
    }
  }
  if (depth >= state.maxDepth) {
    emit(state, node.key, MAX_DEPTH_MARKER);
    state.dropped += 1;
    return;
  }
  const next = depth + 1;
  if (isArray) visitArray(state, value as unknown[], node, next);
  else if (plain) visitKeys(state, value, node, next);
  else if (isErrorObject(value)) visitError(state, value, node, next);
  else if (isMap(value)) visitMap(state, value, node, next);
  else if (isSet(value)) visitSet(state, value, node, next);
  else visitKeys(state, value, node, next);
}

function visitArray(state: CaptureState, value: unknown[], node: KeyNode, depth: number): void {
  const length = value.length;
  for (let i = 0; i < length; i += 1) {
    if (full(state) || !takeRead(state)) {
      state.dropped += length - i;
      return;
    }
    const raw = ownData(value, i);
    if (raw === undefined || raw === null) continue;
    const child = indexKeyNode(node, i);
    if (raw === ACCESSOR) emit(state, child.key, GETTER_MARKER);
    else if (state.mask !== undefined) visitEntry(state, String(i), raw, child, depth);
    else visit(state, raw, child, depth);
  }
}

/** Own enumerable string-keyed properties; accessors become `'[Getter]'` (never called). */
function visitKeys(state: CaptureState, value: object, node: KeyNode, depth: number): void {
  const keys = objectKeys(value);
  const length = keys.length;
  for (let i = 0; i < length; i += 1) {
    if (full(state) || !takeRead(state)) {
      state.dropped += length - i;
      return;
    }
    const name = keys[i] as string;
    const child = childKeyNodeAt(node, name, i);
    if (child.dotted) markMayRepeat(state);
    visitEntry(state, name, ownData(value, name), child, depth);
  }
}

function visitError(state: CaptureState, value: object, node: KeyNode, depth: number): void {
  visitEntry(state, 'message', inheritedData(value, 'message'), childKeyNode(node, 'message'), depth);
  emit(state, childKeyNode(node, 'type').key, constructorName(value, 'Error'));
}

function mapKeySegment(key: unknown): string | undefined {
  if (typeof key === 'string') return key;
  if (key === null || key === undefined || (typeof key !== 'object' && typeof key !== 'function')) return String(key);
  return undefined;
}

function visitMap(state: CaptureState, value: object, node: KeyNode, depth: number): void {
  markMayRepeat(state);
  let remaining = sizeOfMap(value);
  forEachMapEntry(value, (entryKey, entryValue) => {
    if (full(state) || !takeRead(state)) {
      state.dropped += remaining;
      return false;
    }
    remaining -= 1;
    const segment = mapKeySegment(entryKey);
    if (segment === undefined) state.dropped += 1;
    else visitEntry(state, segment, entryValue, childKeyNode(node, segment), depth);
    return true;
  });
}

function visitSet(state: CaptureState, value: object, node: KeyNode, depth: number): void {
  const size = sizeOfSet(value);
  let index = 0;
  forEachSetItem(value, (item) => {
    if (full(state) || !takeRead(state)) {
      state.dropped += size - index;
      return false;
    }
    const child = indexKeyNode(node, index);
    if (state.mask !== undefined) visitEntry(state, String(index), item, child, depth);
    else visit(state, item, child, depth);
    index += 1;
    return true;
  });
}

/**
 * Captures `value` under the key of `node`, as it is (no key verdict or mask at the top). Never throws.
 * Not part of the public API.
 */
export function captureValue(state: CaptureState, value: unknown, node: KeyNode): void {
  try {
    visit(state, value, node, 0);
  } catch {
    // keep what was stored (for example after a stack overflow with a huge maxDepth)
  }
}

/**
 * Captures one named value under `node` (whose last segment is `key`): redacted when `key` is a secret key,
 * else masked with `key` and captured. Never throws. Not part of the public API.
 */
export function captureEntry(state: CaptureState, key: string, value: unknown, node: KeyNode): void {
  try {
    visitEntry(state, key, value, node, 0);
  } catch {
    // keep what was stored
  }
}

/**
 * Calls `each(key, raw)` for the own enumerable string-keyed properties of `holder` without running its
 * code: `raw` is the data value, or {@link ACCESSOR} for a getter. At most `state`'s read budget of them.
 * Gives nothing for a proxy. Not part of the public API.
 */
export function forEachOwnEntry(state: CaptureState, holder: object, each: (key: string, raw: unknown) => void): void {
  if (isProxy(holder)) return;
  const keys = objectKeys(holder);
  for (let i = 0; i < keys.length; i += 1) {
    if (full(state) || !takeRead(state)) {
      state.dropped += keys.length - i;
      return;
    }
    const key = keys[i] as string;
    each(key, ownData(holder, key));
  }
}

/** True when `value` is recorded as one value (not a container). Never runs user code. */
export function isLeafValue(value: unknown): boolean {
  if (value === null || typeof value !== 'object') return true;
  try {
    return objectLeaf(value) !== NOT_A_LEAF;
  } catch {
    return true;
  }
}

/** The first error the state's sink threw, rethrown. Not part of the public API. */
export function rethrowSinkError(state: CaptureState): void {
  if (state.sinkError !== undefined) throw state.sinkError.error;
}

/**
 * Flattens any value into OpenTelemetry attributes under `prefix`, within limits. Never throws, never
 * changes `value` and never runs its code (no getters, proxy traps, `toJSON`, iterators); on an unexpected
 * failure it returns what it had gathered.
 *
 * - a primitive at the top lands under `prefix` itself (with an empty prefix it is dropped);
 * - objects give dotted keys (`prefix.a.b`), arrays and Sets `.<index>`, Maps their primitive keys;
 *   key segments that contain dots are kept as they are; empty objects and arrays give no key;
 * - `null`/`undefined` give no key; finite numbers and booleans stay; NaN/±Infinity, bigints and symbols become strings;
 * - functions become `'[Function name]'`; Dates their ISO string (`'Invalid Date'`); RegExp and URL their text;
 * - Errors give `<key>.message` and `<key>.type` (constructor name), never the stack;
 * - typed arrays, Buffers and ArrayBuffers become a summary such as `'[Uint8Array(16)]'`;
 * - other objects (class instances included) give their own enumerable string-keyed properties;
 * - a property with a getter becomes `'[Getter]'` and a Proxy `'[Proxy]'` (neither is read); generators,
 *   iterators and streams become a placeholder such as `'[Generator]'` or `'[ReadableStream]'` (never consumed);
 * - the value of a secret key (`api_key`, `password`, `authorization`… see `SecretRedaction`) becomes
 *   `'<redacted>'`, at every depth;
 * - a reference back to an ancestor becomes `'[Circular]'`;
 * - containers below `maxDepth` segments become `'[Max depth]'`; long strings end with `…[truncated N chars]`;
 * - at most `maxAttributes` keys are emitted and at most twice that many entries read (holes included), so
 *   the cost is bounded whatever the length of an array or the size of a Map.
 */
export function flattenAttributes(value: unknown, prefix: string, options?: FlattenOptions): FlattenResult {
  // null/undefined add nothing whatever the limits: no state needed
  if (value === null || value === undefined) return { attributes: {}, truncated: 0, dropped: 0, read: 0 };
  let root: KeyNode;
  try {
    root = rootKeyNode(typeof prefix === 'string' ? prefix : '');
  } catch {
    root = new KeyNode(typeof prefix === 'string' ? prefix : '');
  }
  const state = newState(options);
  captureValue(state, value, root);
  endCapture(state);
  return { attributes: state.out, truncated: state.truncated, dropped: state.dropped, read: readsOf(state) };
}

/** Options of {@link toAttributeValue}. */
export interface ToAttributeValueOptions {
  /** Longer strings are cut (marker included) to this length. Default 65536. */
  maxStringLength?: number;
}

/**
 * One value as a single OpenTelemetry attribute value, by the same rules as {@link flattenAttributes}
 * for a leaf: strings (cut to `maxStringLength`), finite numbers and booleans as they are; NaN/Infinity,
 * bigint, symbol, functions, Dates, RegExps, URLs, boxed primitives and binary data as strings; a Proxy as
 * `'[Proxy]'`. Returns undefined for null/undefined and for containers (flatten those). Never throws and
 * never runs the value's code.
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
    if (options !== null && typeof options === 'object' && !isProxy(options)) max = limit(ownData(options, 'maxStringLength'), max);
  } catch {
    // a hostile options object: keep the default
  }
  return scalar.length > max ? cutString(scalar, max) : scalar;
}
