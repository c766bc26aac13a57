import type { Attributes } from '@opentelemetry/api';
import { ATTR, ATTR_PREFIX, OUTPUT_RESULT_KEY } from './attribute-keys';
import type { MaskFunction } from './capture-rules';
import { isSpanEventType } from './event-types';
import {
  GETTER_MARKER,
  PROXY_MARKER,
  captureEntry,
  captureValue,
  endCapture,
  forEachOwnEntry,
  isLeafValue,
  newCapture,
  primitiveValue,
  rethrowSinkError,
  type AttributeSink,
  type CaptureState,
} from './flatten';
import { childKeyNode, childKeyNodeAt, rootKeyNode, type KeyNode } from './key-cache';
import { captureForJson } from './captured-value';
import { ACCESSOR, constructorName, inheritedData, isErrorObject, isProxy, ownData } from './safe-read';
import { SecretRedaction } from './secret-redaction';

export type { MaskFunction };

/** Key under which `enrichSpan` puts a group value that is not an object (`honeyhive_outputs.value`). */
const SCALAR_GROUP_KEY = 'value';

/** Legacy (npm honeyhive 1.x) segment between `honeyhive_inputs` and the parameter name. */
export const LEGACY_PARAMS_SEGMENT = '_params_';

/** The node of `<prefix>.<key>` (`.<key>` for an empty prefix); `position` is the entry's index. */
function entryNode(root: KeyNode, prefix: string, key: string, position: number): KeyNode {
  return prefix === '' ? rootKeyNode(`.${key}`) : childKeyNodeAt(root, String(key), position);
}

function captureEntries(state: CaptureState, entries: ReadonlyArray<readonly [string, unknown]>, prefix: string): void {
  const root = rootKeyNode(prefix);
  for (let i = 0; i < entries.length; i += 1) {
    if (state.count >= state.maxAttributes) break;
    const [key, value] = entries[i] as readonly [string, unknown];
    captureEntry(state, key, value, entryNode(root, prefix, key, i));
  }
  endCapture(state);
}

/**
 * Flattens each `[key, value]` under `<prefix>.<key>`, sharing one budget of `maxAttributes` keys: a secret
 * key's value is redacted, any other value masked (`mask(key, value)`, then at every depth) and flattened.
 * `redaction` defaults to `SecretRedaction.DEFAULT`. Returns how many distinct keys it added. Reads only;
 * never throws and never runs the values' code.
 */
export function recordEntries(
  out: Attributes,
  entries: ReadonlyArray<readonly [string, unknown]>,
  prefix: string,
  mask: MaskFunction | undefined,
  maxAttributes: number,
  redaction?: SecretRedaction,
): number {
  if (maxAttributes <= 0) return 0;
  const state = newCapture(maxAttributes, { mask, redaction }, out);
  captureEntries(state, entries, prefix);
  return state.count;
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
  redaction?: SecretRedaction,
): void {
  if (maxAttributes <= 0 || entries.length === 0) return;
  const state = newCapture(maxAttributes, { mask, redaction });
  state.sink = sink;
  captureEntries(state, entries, prefix);
  rethrowSinkError(state);
}

/** {@link outputAttributes}, handed to `sink` one by one (see {@link recordEntriesToSink}). */
export function recordOutputToSink(
  sink: AttributeSink,
  value: unknown,
  mask: MaskFunction | undefined,
  maxAttributes: number,
  redaction?: SecretRedaction,
): void {
  if (maxAttributes <= 0 || value === null || value === undefined) return;
  const state = newCapture(maxAttributes, { mask, redaction });
  state.sink = sink;
  captureEntry(state, 'result', value, rootKeyNode(OUTPUT_RESULT_KEY));
  endCapture(state);
  rethrowSinkError(state);
}

/** The prefix of captured arguments: `honeyhive_inputs` or, in the legacy shape, `honeyhive_inputs._params_`. */
export function inputPrefix(legacyInputShape: boolean): string {
  return legacyInputShape ? `${ATTR_PREFIX.INPUTS}.${LEGACY_PARAMS_SEGMENT}` : ATTR_PREFIX.INPUTS;
}

/** A return value as `honeyhive_outputs.result` (flattened under it), masked with the key `'result'` and redacted. */
export function outputAttributes(value: unknown, mask: MaskFunction | undefined, maxAttributes: number, redaction?: SecretRedaction): Attributes {
  const out: Attributes = {};
  if (maxAttributes <= 0 || value === null || value === undefined) return out;
  const state = newCapture(maxAttributes, { mask, redaction }, out);
  captureEntry(state, 'result', value, rootKeyNode(OUTPUT_RESULT_KEY));
  endCapture(state);
  return out;
}

/**
 * A whole group (`config`, `metadata`, `outputs`, …) under `prefix`: an object's keys land under
 * `<prefix>.<key>` (masked with `mask` when given, at every depth; secret keys redacted); a single value
 * (string, number, Date…) under `<prefix>.value`. `null`/`undefined` add nothing.
 */
function captureGroup(state: CaptureState, value: unknown, prefix: string, mask: MaskFunction | undefined): void {
  if (value === null || value === undefined || state.count >= state.maxAttributes) return;
  state.mask = mask;
  const root = rootKeyNode(prefix);
  if (isLeafValue(value)) captureEntry(state, SCALAR_GROUP_KEY, value, childKeyNode(root, SCALAR_GROUP_KEY));
  else captureValue(state, value, root);
  state.mask = undefined;
}

/** Extra attributes given as `attributes`: each value flattened under its own key (secret keys redacted). */
function captureExtraAttributes(state: CaptureState, extra: unknown): void {
  if (extra === null || typeof extra !== 'object') return;
  forEachOwnEntry(state, extra, (key, raw) => captureEntry(state, key, raw, rootKeyNode(key)));
}

/** The name of what was thrown: an object's constructor name, else `typeof` (`'string'`, `'undefined'`…). Runs none of its code. */
function errorTypeName(error: unknown): string {
  try {
    if (error === null) return 'null';
    if (typeof error === 'object' || typeof error === 'function') {
      return isProxy(error) ? 'Proxy' : constructorName(error, 'Error');
    }
    return typeof error;
  } catch {
    return 'Error';
  }
}

const MAX_ERROR_MESSAGE = 2000;

function errorText(error: unknown, redaction: SecretRedaction | undefined): string {
  if (typeof error === 'string') return error;
  if (error === null || (typeof error !== 'object' && typeof error !== 'function')) return String(error);
  if (typeof error === 'function') return String(primitiveValue(error));
  if (isProxy(error)) return PROXY_MARKER;
  const message = inheritedData(error, 'message');
  if (typeof message === 'string' && message !== '') return message;
  if (message === ACCESSOR) return GETTER_MARKER;
  if (message === '' || isErrorObject(error)) {
    const name = inheritedData(error, 'name');
    return typeof name === 'string' && name !== '' ? name : constructorName(error, 'Error');
  }
  // not an error: its content, as JSON (read without running its code)
  const copied = captureForJson(error, { maxDepth: 3, maxAttributes: 64, maxStringLength: MAX_ERROR_MESSAGE, redaction });
  return JSON.stringify(copied.value) ?? constructorName(error, 'Error');
}

/**
 * A message for anything thrown, read without running its code (no getters, proxy traps, `toString`): a
 * string as it is, an error's `message` (its name when empty), else the value's content as JSON; at most
 * 2000 characters, secret values replaced. Never throws.
 */
export function capturedErrorMessage(error: unknown, redaction?: SecretRedaction): string {
  let text: string;
  try {
    text = errorText(error, redaction);
  } catch {
    text = 'unknown error';
  }
  if (text.length > MAX_ERROR_MESSAGE) text = `${text.slice(0, MAX_ERROR_MESSAGE)}…`;
  const rules = redaction ?? SecretRedaction.DEFAULT;
  return rules.hasSecretValues ? rules.scrub(text) : text;
}

/** What {@link capturedException} gives: the OpenTelemetry `Exception` shape, made of plain strings. */
export interface CapturedException {
  name: string;
  message: string;
  stack?: string;
  code?: string;
}

/**
 * Anything thrown as a plain object for `span.recordException`, read without running its code: its `name`
 * (else the constructor name), {@link capturedErrorMessage}, and its `stack` and `code` when they are data
 * properties (secret values replaced). Never throws.
 */
export function capturedException(error: unknown, redaction?: SecretRedaction): CapturedException {
  const rules = redaction ?? SecretRedaction.DEFAULT;
  const out: CapturedException = { name: 'Error', message: capturedErrorMessage(error, rules) };
  try {
    if (error === null || typeof error !== 'object' || isProxy(error)) {
      if (typeof error !== 'string') out.name = errorTypeName(error);
      return out;
    }
    const name = inheritedData(error, 'name');
    out.name = typeof name === 'string' && name !== '' ? name : constructorName(error, 'Error');
    const stack = inheritedData(error, 'stack');
    if (typeof stack === 'string') out.stack = rules.hasSecretValues ? rules.scrub(stack) : stack;
    const code = inheritedData(error, 'code');
    if (typeof code === 'string' || typeof code === 'number') out.code = String(code);
  } catch {
    // keep what was read
  }
  return out;
}

/** `honeyhive_error` (message, see {@link capturedErrorMessage}) and, when `withType`, `honeyhive_error_type`. */
export function errorAttributes(error: unknown, withType: boolean, redaction?: SecretRedaction): Attributes {
  const out: Attributes = { [ATTR.ERROR]: capturedErrorMessage(error, redaction) };
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
  /** Applied to `inputs` and `outputs`: each top-level key, then every value below it. */
  mask?: MaskFunction;
  /** Secret keys and values to redact in every group. Default `SecretRedaction.DEFAULT`. */
  redaction?: SecretRedaction;
}

/** The fields {@link enrichmentAttributes} reads, by name. */
type FieldValues = { -readonly [K in keyof EnrichmentFields]?: unknown };

const FIELD_NAMES: ReadonlySet<string> = new Set<keyof EnrichmentFields>([
  'inputs', 'outputs', 'config', 'metadata', 'metrics', 'feedback', 'userProperties', 'error', 'eventName', 'eventType', 'attributes',
]);

/** The fields read from a caller's object: one hidden class whatever fields were given (monomorphic reads). */
class FieldRecord implements FieldValues {
  inputs: unknown = undefined;
  outputs: unknown = undefined;
  config: unknown = undefined;
  metadata: unknown = undefined;
  metrics: unknown = undefined;
  feedback: unknown = undefined;
  userProperties: unknown = undefined;
  error: unknown = undefined;
  eventName: unknown = undefined;
  eventType: unknown = undefined;
  attributes: unknown = undefined;
}

/** Stores `value` as the field `key` (one of {@link FIELD_NAMES}) of `found`. */
function setField(found: FieldRecord, key: string, value: unknown): void {
  switch (key) {
    case 'inputs': found.inputs = value; break;
    case 'outputs': found.outputs = value; break;
    case 'config': found.config = value; break;
    case 'metadata': found.metadata = value; break;
    case 'metrics': found.metrics = value; break;
    case 'feedback': found.feedback = value; break;
    case 'userProperties': found.userProperties = value; break;
    case 'error': found.error = value; break;
    case 'eventName': found.eventName = value; break;
    case 'eventType': found.eventType = value; break;
    case 'attributes': found.attributes = value; break;
    default: break;
  }
}

/**
 * The fields of `fields` read without running getters (a getter gives undefined): its own data properties,
 * and for an object that is not plain (a class instance) the ones it inherits.
 */
function readFields(fields: object): FieldValues {
  const found = new FieldRecord();
  const proto: unknown = Object.getPrototypeOf(fields);
  if (proto === Object.prototype || proto === null) {
    const keys = Object.keys(fields);
    for (let i = 0; i < keys.length; i += 1) {
      const key = keys[i] as string;
      if (!FIELD_NAMES.has(key)) continue;
      const value = ownData(fields, key);
      if (value !== ACCESSOR) setField(found, key, value);
    }
    return found;
  }
  for (const key of FIELD_NAMES) {
    const value = inheritedData(fields, key);
    if (value !== ACCESSOR && value !== undefined) setField(found, key, value);
  }
  return found;
}

/** An Error, or an object tagged as one (`Symbol.toStringTag` 'Error', e.g. from another realm); no user code runs. */
function isErrorLike(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || isProxy(value)) return false;
  return isErrorObject(value) || inheritedData(value, Symbol.toStringTag) === 'Error';
}

/** Stores one key the enrichment sets on top of the budget (error, event type, event name). */
function putOwn(state: CaptureState, key: string, value: string): void {
  const sink = state.sink;
  if (sink === undefined) {
    state.out[key] = value;
    return;
  }
  try {
    sink(key, value);
  } catch (error) {
    state.sinkError ??= { error };
  }
}

function captureEnrichment(state: CaptureState, values: FieldValues, options: EnrichmentOptions): void {
  const mask = typeof options.mask === 'function' ? options.mask : undefined;
  captureExtraAttributes(state, values.attributes);
  captureGroup(state, values.inputs, ATTR_PREFIX.INPUTS, mask);
  captureGroup(state, values.outputs, ATTR_PREFIX.OUTPUTS, mask);
  captureGroup(state, values.config, ATTR_PREFIX.CONFIG, undefined);
  captureGroup(state, values.metadata, ATTR_PREFIX.METADATA, undefined);
  captureGroup(state, values.metrics, ATTR_PREFIX.METRICS, undefined);
  captureGroup(state, values.feedback, ATTR_PREFIX.FEEDBACK, undefined);
  captureGroup(state, values.userProperties, ATTR_PREFIX.USER_PROPERTIES, undefined);
  const error = values.error;
  if (error !== undefined && error !== null) {
    const attributes = errorAttributes(error, isErrorLike(error), options.redaction);
    for (const key of Object.keys(attributes)) putOwn(state, key, attributes[key] as string);
  }
  const eventType = values.eventType;
  if (isSpanEventType(eventType)) putOwn(state, ATTR.EVENT_TYPE, eventType);
  const eventName = values.eventName;
  if (typeof eventName === 'string' && eventName !== '') putOwn(state, ATTR.EVENT_NAME, eventName);
}

function maxOf(options: EnrichmentOptions): number {
  return typeof options.maxAttributes === 'number' && options.maxAttributes >= 0 ? options.maxAttributes : 1024;
}

/**
 * The span attributes for `fields`: extra `attributes` first, then each group flattened under its docs/wire-contract.md
 * prefix (nested objects as dotted keys, arrays as `.<index>`, `null` skipped), then the error, event type
 * and event name. Secret keys are redacted in every group. Never throws (returns what it gathered), never
 * changes `fields` and never runs their code (getters, proxy traps).
 */
export function enrichmentAttributes(fields: EnrichmentFields | undefined, options: EnrichmentOptions = {}): Attributes {
  const out: Attributes = {};
  if (fields === null || typeof fields !== 'object' || isProxy(fields)) return out;
  try {
    // one budget for all the groups, so that the span keeps room for the keys the tracer stamps
    const state = newCapture(maxOf(options), { redaction: options.redaction }, out);
    captureEnrichment(state, readFields(fields), options);
    endCapture(state);
  } catch {
    // return what was gathered
  }
  return out;
}

/**
 * {@link enrichmentAttributes} for a fields object the caller made itself (for example a copy of options it
 * took earlier): its own fields are read directly, the values in them as safely as always.
 */
export function enrichmentAttributesOf(fields: EnrichmentFields, options: EnrichmentOptions = {}): Attributes {
  const out: Attributes = {};
  try {
    const state = newCapture(maxOf(options), { redaction: options.redaction }, out);
    captureEnrichment(state, fields, options);
    endCapture(state);
  } catch {
    // return what was gathered
  }
  return out;
}

/**
 * {@link enrichmentAttributes}, handing each attribute to `sink` (e.g. `span.setAttribute`) instead of
 * building an object. If `sink` throws, the first error is rethrown once every attribute was handed over.
 */
export function recordEnrichmentToSink(sink: AttributeSink, fields: EnrichmentFields | undefined, options: EnrichmentOptions = {}): void {
  if (fields === null || typeof fields !== 'object' || isProxy(fields)) return;
  const state = newCapture(maxOf(options), { redaction: options.redaction });
  state.sink = sink;
  try {
    captureEnrichment(state, readFields(fields), options);
  } catch {
    // hand over what was gathered
  }
  endCapture(state);
  rethrowSinkError(state);
}
