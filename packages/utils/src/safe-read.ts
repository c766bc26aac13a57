// Reading a user's value without running any of the user's code: no getter, no proxy trap, no toJSON,
// no iterator. Everything here reads property descriptors or internal slots, and calls only the
// built-in methods captured below when this module loaded (a subclass overriding them is not called).

import { types } from 'node:util';

/** True for a Proxy (reading anything of it, its prototype included, would run its traps). */
export const isProxy: (value: unknown) => boolean = types.isProxy;

/** What {@link ownData} and {@link inheritedData} give for an accessor property that has a getter. */
export const ACCESSOR = Symbol('accessor');

const getOwnDescriptor = Object.getOwnPropertyDescriptor;
const getPrototypeOf = Object.getPrototypeOf;

/**
 * The value of `holder`'s own property `key` when it is a data property; undefined when there is no such
 * property (or only a setter); {@link ACCESSOR} when it has a getter. `holder` must not be a proxy.
 */
export function ownData(holder: object, key: PropertyKey): unknown {
  const descriptor = getOwnDescriptor(holder, key);
  if (descriptor === undefined) return undefined;
  // a descriptor is an ordinary object: `in` and own reads run no user code
  if ('get' in descriptor) return descriptor.get === undefined ? undefined : ACCESSOR;
  return descriptor.value;
}

/** At most this many prototypes are looked at (a longer chain is treated as if it ended there). */
const MAX_CHAIN = 32;

/**
 * `key` looked up like `holder[key]`, own property first and then along the prototype chain, without
 * running getters or traps: the data value, {@link ACCESSOR}, or undefined when not found (or when the
 * chain reaches a proxy).
 */
export function inheritedData(holder: object, key: PropertyKey): unknown {
  let current: object | null = holder;
  for (let i = 0; current !== null && i < MAX_CHAIN; i += 1) {
    if (isProxy(current)) return undefined;
    const descriptor = getOwnDescriptor(current, key);
    if (descriptor !== undefined) {
      if ('get' in descriptor) return descriptor.get === undefined ? undefined : ACCESSOR;
      return descriptor.value;
    }
    current = getPrototypeOf(current) as object | null;
  }
  return undefined;
}

/** True when `target` is on the prototype chain of `value` (stops at a proxy). Never runs user code. */
function inheritsFrom(value: object, target: object | undefined): boolean {
  if (target === undefined) return false;
  let current: object | null = getPrototypeOf(value) as object | null;
  for (let i = 0; current !== null && i < MAX_CHAIN; i += 1) {
    if (current === target) return true;
    if (isProxy(current)) return false;
    current = getPrototypeOf(current) as object | null;
  }
  return false;
}

/** A function's own `name` when it is a non-empty string data property, else undefined. */
export function functionName(fn: Function): string | undefined {
  if (isProxy(fn)) return undefined;
  const name = ownData(fn, 'name');
  return typeof name === 'string' && name !== '' ? name : undefined;
}

/** The name of the constructor `value` inherits (`Buffer`, `RateLimitError`…), else `fallback`. */
export function constructorName(value: object, fallback: string): string {
  const ctor = inheritedData(value, 'constructor');
  return typeof ctor === 'function' ? functionName(ctor) ?? fallback : fallback;
}

function intrinsicGetter(proto: object | undefined, key: string): ((this: unknown) => unknown) | undefined {
  if (proto === undefined) return undefined;
  const descriptor = getOwnDescriptor(proto, key);
  return typeof descriptor?.get === 'function' ? (descriptor.get as (this: unknown) => unknown) : undefined;
}

const TypedArrayPrototype = getPrototypeOf(Uint8Array.prototype) as object;
const typedArrayLength = intrinsicGetter(TypedArrayPrototype, 'length');
const dataViewByteLength = intrinsicGetter(DataView.prototype, 'byteLength');
const arrayBufferByteLength = intrinsicGetter(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength =
  typeof SharedArrayBuffer === 'function' ? intrinsicGetter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;
const regExpSource = intrinsicGetter(RegExp.prototype, 'source');
// each flag getter reads the regexp's internal flags (RegExp.prototype.flags would call overridable getters)
const REGEXP_FLAGS: ReadonlyArray<readonly [string, (this: unknown) => unknown]> = (
  [
    ['d', 'hasIndices'],
    ['g', 'global'],
    ['i', 'ignoreCase'],
    ['m', 'multiline'],
    ['s', 'dotAll'],
    ['u', 'unicode'],
    ['v', 'unicodeSets'],
    ['y', 'sticky'],
  ] as const
).flatMap(([letter, name]) => {
  const getter = intrinsicGetter(RegExp.prototype, name);
  return getter === undefined ? [] : [[letter, getter] as const];
});
const URLPrototype = typeof URL === 'function' ? (URL.prototype as object) : undefined;
const urlHref = intrinsicGetter(URLPrototype, 'href');
const stringValueOf = String.prototype.valueOf;
const numberValueOf = Number.prototype.valueOf;
const booleanValueOf = Boolean.prototype.valueOf;
const bigIntValueOf = BigInt.prototype.valueOf;
const symbolValueOf = Symbol.prototype.valueOf;

/** `%IteratorPrototype%` and `%AsyncIteratorPrototype%`, which every built-in (async) iterator inherits. */
const IteratorPrototype = getPrototypeOf(getPrototypeOf([][Symbol.iterator]())) as object;
const AsyncIteratorPrototype = getPrototypeOf(getPrototypeOf(async function* () {}.prototype)) as object;
const AsyncGeneratorPrototype = getPrototypeOf(async function* () {}.prototype) as object;

function webStreamPrototypes(): ReadonlyArray<readonly [string, object]> {
  const found: Array<readonly [string, object]> = [];
  for (const name of ['ReadableStream', 'WritableStream', 'TransformStream']) {
    const ctor = (globalThis as Record<string, unknown>)[name];
    if (typeof ctor === 'function' && ctor.prototype !== null && typeof ctor.prototype === 'object') found.push([name, ctor.prototype as object]);
  }
  return found;
}
const WEB_STREAMS = webStreamPrototypes();

/** The text of a regular expression (`/a+/gi`) from its internal slots. */
export function regExpText(value: object): string {
  let flags = '';
  for (const [letter, getter] of REGEXP_FLAGS) if (getter.call(value) === true) flags += letter;
  return `/${String(regExpSource?.call(value))}/${flags}`;
}

/** A boxed primitive's value (`new String('s')` → `'s'`), from its internal slot. */
export function boxedValue(value: object): unknown {
  if (types.isStringObject(value)) return stringValueOf.call(value);
  if (types.isNumberObject(value)) return numberValueOf.call(value);
  if (types.isBooleanObject(value)) return booleanValueOf.call(value);
  if (types.isBigIntObject(value)) return bigIntValueOf.call(value);
  return symbolValueOf.call(value);
}

/** A Date as its ISO text (`'Invalid Date'` when it is not a valid time). */
export function dateText(value: object): string {
  const time = dateGetTime.call(value);
  return Number.isNaN(time) ? 'Invalid Date' : dateToISOString.call(value);
}

/** `[Uint8Array(16)]`, `[Buffer(5)]`, `[DataView(8)]` for an ArrayBuffer view. */
export function viewSummary(value: ArrayBufferView): string {
  if (types.isTypedArray(value)) return `[${constructorName(value, 'TypedArray')}(${String(typedArrayLength?.call(value))})]`;
  return `[${constructorName(value, 'DataView')}(${String(dataViewByteLength?.call(value))})]`;
}

/** `[ArrayBuffer(8)]` for an (Shared)ArrayBuffer, undefined for anything else. */
export function bufferSummary(value: object): string | undefined {
  if (types.isArrayBuffer(value)) return `[${constructorName(value, 'ArrayBuffer')}(${String(arrayBufferByteLength?.call(value))})]`;
  if (types.isSharedArrayBuffer(value)) {
    return `[${constructorName(value, 'SharedArrayBuffer')}(${String(sharedArrayBufferByteLength?.call(value))})]`;
  }
  return undefined;
}

/** A URL's `href` (read through the built-in getter), or undefined when `value` is no URL. */
export function urlText(value: object): string | undefined {
  if (urlHref === undefined || !inheritsFrom(value, URLPrototype)) return undefined;
  const href = urlHref.call(value);
  return typeof href === 'string' ? href : undefined;
}

/**
 * A placeholder for a value that produces data over time: a generator, an iterator, a Node or web stream,
 * an async iterable; undefined for anything else. Capture records the placeholder instead of reading such
 * a value (reading would consume it, or expose its internal buffers).
 */
export function streamPlaceholder(value: object): string | undefined {
  if (types.isGeneratorObject(value)) return inheritsFrom(value, AsyncGeneratorPrototype) ? '[AsyncGenerator]' : '[Generator]';
  if (types.isMapIterator(value)) return '[Map Iterator]';
  if (types.isSetIterator(value)) return '[Set Iterator]';
  for (const [name, proto] of WEB_STREAMS) if (inheritsFrom(value, proto)) return `[${name}]`;
  // Node streams keep their state (and buffered chunks) in these own properties
  if (ownData(value, '_readableState') !== undefined || ownData(value, '_writableState') !== undefined) {
    return `[${constructorName(value, 'Stream')}]`;
  }
  if (inheritsFrom(value, AsyncIteratorPrototype)) return '[AsyncIterator]';
  if (inheritsFrom(value, IteratorPrototype)) return '[Iterator]';
  if (typeof inheritedData(value, Symbol.asyncIterator) === 'function') return `[AsyncIterable ${constructorName(value, 'Object')}]`;
  return undefined;
}

/** True for an Error (of this realm or another one), read from internal slots and the prototype chain only. */
export function isErrorObject(value: object): boolean {
  return types.isNativeError(value) || inheritsFrom(value, Error.prototype);
}

export const isDate = types.isDate;
export const isRegExp = types.isRegExp;
export const isMap = types.isMap;
export const isSet = types.isSet;
export const isPromise = types.isPromise;
export const isWeakMap = types.isWeakMap;
export const isWeakSet = types.isWeakSet;
export const isBoxedPrimitive = types.isBoxedPrimitive;

const mapEntries = Map.prototype.entries;
const mapIteratorNext = (getPrototypeOf(new Map().entries()) as { next: (this: unknown) => IteratorResult<[unknown, unknown]> }).next;
const mapSize = intrinsicGetter(Map.prototype, 'size') as (this: unknown) => number;
const setValues = Set.prototype.values;
const setIteratorNext = (getPrototypeOf(new Set().values()) as { next: (this: unknown) => IteratorResult<unknown> }).next;
const setSize = intrinsicGetter(Set.prototype, 'size') as (this: unknown) => number;

/** A Map's size, through the built-in getter. */
export function sizeOfMap(map: object): number {
  return mapSize.call(map);
}

/** A Set's size, through the built-in getter. */
export function sizeOfSet(set: object): number {
  return setSize.call(set);
}

/**
 * Calls `visit(key, value)` for each entry of a Map, in order, through the built-in iterator (a subclass's
 * own `entries` or `Symbol.iterator` is not called), until `visit` returns false.
 */
export function forEachMapEntry(map: object, visit: (key: unknown, value: unknown) => boolean): void {
  const iterator = mapEntries.call(map as Map<unknown, unknown>);
  for (;;) {
    const step = mapIteratorNext.call(iterator);
    if (step.done === true) return;
    const entry = step.value;
    if (!visit(entry[0], entry[1])) return;
  }
}

/** Calls `visit(item)` for each item of a Set, like {@link forEachMapEntry}, until it returns false. */
export function forEachSetItem(set: object, visit: (item: unknown) => boolean): void {
  const iterator = setValues.call(set as Set<unknown>);
  for (;;) {
    const step = setIteratorNext.call(iterator);
    if (step.done === true) return;
    if (!visit(step.value)) return;
  }
}
