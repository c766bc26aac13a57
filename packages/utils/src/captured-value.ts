// The JSON twin of flattening, for values sent in request bodies (session fields, event payloads):
// a plain copy that JSON.stringify can serialise without running any of the user's code, within the same
// limits and with the same redaction as span attributes.

import type { MaskFunction } from './capture-rules';
import {
  CIRCULAR_MARKER,
  GETTER_MARKER,
  MAX_DEPTH_MARKER,
  NOT_A_LEAF,
  NOT_RECORDED,
  PROXY_MARKER,
  applyMask,
  enterAncestor,
  fitString,
  isAncestor,
  leaveAncestor,
  full,
  newState,
  objectLeaf,
  primitiveValue,
  readsOf,
  releaseAncestors,
  takeRead,
  unreadable,
  type CaptureState,
} from './flatten';
import {
  ACCESSOR,
  constructorName,
  forEachMapEntry,
  forEachSetItem,
  inheritedData,
  isErrorObject,
  isMap,
  isProxy,
  isSet,
  ownData,
} from './safe-read';
import { KEEP_KEY, REDACT_KEY, type SecretRedaction } from './secret-redaction';

/** Limits and rules of {@link captureForJson}; the same as `flattenAttributes` takes. */
export interface CaptureForJsonOptions {
  /** Containers nested deeper than this become `'[Max depth]'`. Default 10. */
  maxDepth?: number;
  /** At most this many leaf values are kept, and at most twice as many entries read. Default 1024. */
  maxAttributes?: number;
  /** Longer strings are cut (marker included) to this many UTF-16 units. Default 65536. */
  maxStringLength?: number;
  /** Secret keys and values to redact. Default `SecretRedaction.DEFAULT`. */
  redaction?: SecretRedaction;
  /** Applied to every value below the top (see `MaskFunction`); `path` is the dotted path from the top. */
  mask?: MaskFunction;
}

/** What {@link captureForJson} gives. */
export interface CapturedJson {
  /** A plain, acyclic copy made of objects, arrays, strings, finite numbers, booleans and null; undefined for undefined. */
  value: unknown;
  /** How many strings were cut. */
  truncated: number;
  /** How many entries were left out (limits, unusable Map keys, secret-bearing keys, a throwing mask). */
  dropped: number;
  /** How many entries were read (holes included): at most twice `maxAttributes`. */
  read: number;
}

const OMIT = Symbol('omit');

function setKey(out: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  else out[key] = value;
}

/** A leaf value, counted against the budget (OMIT once it is spent). */
function leaf(state: CaptureState, value: string | number | boolean): unknown {
  if (full(state)) {
    state.dropped += 1;
    return OMIT;
  }
  state.count += 1;
  return typeof value === 'string' ? fitString(state, value) : value;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** One entry of a container: key verdict, accessor, mask, then the value. */
function copyEntry(state: CaptureState, key: string, raw: unknown, path: string, depth: number): unknown {
  if (raw === undefined) return OMIT;
  const redaction = state.redaction;
  if (redaction.enabled) {
    const verdict = redaction.verdict(key);
    if (verdict !== KEEP_KEY) {
      if (verdict === REDACT_KEY) return raw === null ? null : leaf(state, redaction.marker);
      state.dropped += 1;
      return OMIT;
    }
  }
  if (raw === ACCESSOR) return leaf(state, GETTER_MARKER);
  let value: unknown = raw;
  if (state.mask !== undefined) {
    value = applyMask(state.mask, key, raw, join(path, key));
    if (value === NOT_RECORDED) {
      state.dropped += 1;
      return OMIT;
    }
  }
  return copy(state, value, join(path, key), depth);
}

function copy(state: CaptureState, value: unknown, path: string, depth: number): unknown {
  if (value === undefined) return OMIT;
  if (value === null) return null;
  if (typeof value !== 'object') {
    const scalar = primitiveValue(value);
    return scalar === undefined ? OMIT : leaf(state, scalar);
  }
  if (full(state)) {
    state.dropped += 1;
    return OMIT;
  }
  if (isProxy(value)) return leaf(state, PROXY_MARKER);
  if (isAncestor(state, value)) return leaf(state, CIRCULAR_MARKER);
  enterAncestor(value);
  try {
    return copyObject(state, value, path, depth);
  } catch (error) {
    return leaf(state, unreadable(error));
  } finally {
    leaveAncestor();
  }
}

function copyObject(state: CaptureState, value: object, path: string, depth: number): unknown {
  const scalar = objectLeaf(value);
  if (scalar !== NOT_A_LEAF) return scalar === undefined ? OMIT : leaf(state, scalar);
  if (depth >= state.maxDepth) {
    state.dropped += 1;
    return leaf(state, MAX_DEPTH_MARKER);
  }
  const next = depth + 1;
  if (Array.isArray(value)) return copyArray(state, value, path, next);
  if (isErrorObject(value)) {
    const out: Record<string, unknown> = {};
    const message = copyEntry(state, 'message', inheritedData(value, 'message'), path, next);
    if (message !== OMIT) out.message = message;
    const type = leaf(state, constructorName(value, 'Error'));
    if (type !== OMIT) out.type = type;
    return out;
  }
  if (isMap(value)) {
    const out: Record<string, unknown> = {};
    forEachMapEntry(value, (key, item) => {
      if (full(state) || !takeRead(state)) {
        state.dropped += 1;
        return false;
      }
      if (key !== null && (typeof key === 'object' || typeof key === 'function')) {
        state.dropped += 1;
        return true;
      }
      const name = typeof key === 'string' ? key : String(key);
      const copied = copyEntry(state, name, item, path, next);
      if (copied !== OMIT) setKey(out, name, copied);
      return true;
    });
    return out;
  }
  if (isSet(value)) {
    const out: unknown[] = [];
    forEachSetItem(value, (item) => {
      if (full(state) || !takeRead(state)) {
        state.dropped += 1;
        return false;
      }
      const copied = copyEntry(state, String(out.length), item, path, next);
      out.push(copied === OMIT ? null : copied);
      return true;
    });
    return out;
  }
  const out: Record<string, unknown> = {};
  const keys = Object.keys(value);
  for (let i = 0; i < keys.length; i += 1) {
    if (full(state) || !takeRead(state)) {
      state.dropped += keys.length - i;
      break;
    }
    const key = keys[i] as string;
    const copied = copyEntry(state, key, ownData(value, key), path, next);
    if (copied !== OMIT) setKey(out, key, copied);
  }
  return out;
}

function copyArray(state: CaptureState, value: unknown[], path: string, depth: number): unknown[] {
  const out: unknown[] = [];
  const length = value.length;
  for (let i = 0; i < length; i += 1) {
    if (full(state) || !takeRead(state)) {
      state.dropped += length - i;
      break;
    }
    // holes and undefined items become null, as JSON.stringify would write them
    const copied = copyEntry(state, String(i), ownData(value, i), path, depth);
    out.push(copied === OMIT ? null : copied);
  }
  return out;
}

/**
 * A plain copy of `value` for a JSON request body (session fields, event inputs/outputs/metadata…), by the
 * rules of `flattenAttributes`: never runs the value's code (getters become `'[Getter]'`, proxies `'[Proxy]'`,
 * streams and iterators a placeholder, `toJSON` is not called), redacts secret keys at every depth and
 * secret values inside strings, replaces cycles with `'[Circular]'`, and stays within the limits: at most
 * `maxAttributes` leaf values and twice that many entries read, strings cut to `maxStringLength`, containers
 * below `maxDepth` replaced by `'[Max depth]'`. Maps become objects (primitive keys), Sets arrays, Errors
 * `{ message, type }`; `null` stays, `undefined` is left out. `JSON.stringify` of the result is safe. Never throws.
 */
export function captureForJson(value: unknown, options?: CaptureForJsonOptions): CapturedJson {
  const state = newState(options);
  let copied: unknown;
  try {
    copied = copy(state, value, '', 0);
  } catch {
    copied = OMIT;
  }
  releaseAncestors(state);
  return { value: copied === OMIT ? undefined : copied, truncated: state.truncated, dropped: state.dropped, read: readsOf(state) };
}
