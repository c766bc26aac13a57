import { normalizeSessionId, parseBoolean } from '@honeyhive/utils';
import type { Logger } from '@honeyhive/utils';
import type { Sampler } from '@opentelemetry/sdk-trace-base';

/** The verdict on one configuration value: usable, not given (undefined, null, blank), or unusable and why. */
export type CheckResult<T> = { kind: 'ok'; value: T } | { kind: 'absent' } | { kind: 'invalid'; reason: string };

/** Validates and normalizes one raw value. Never throws; never changes the value it is given. */
export type ValueCheck<T> = (value: unknown) => CheckResult<T>;

const ok = <T>(value: T): CheckResult<T> => ({ kind: 'ok', value });
const absent: CheckResult<never> = { kind: 'absent' };
const invalid = (reason: string): CheckResult<never> => ({ kind: 'invalid', reason });

const isAbsent = (value: unknown) => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A non-blank string, trimmed. */
export const checkString: ValueCheck<string> = (value) => {
  if (isAbsent(value)) return absent;
  return typeof value === 'string' ? ok(value.trim()) : invalid('is not a string');
};

/** A boolean, or one of the words true/1/yes/on, false/0/no/off. */
export const checkBoolean: ValueCheck<boolean> = (value) => {
  if (isAbsent(value)) return absent;
  if (typeof value === 'boolean') return ok(value);
  if (typeof value === 'string') {
    const parsed = parseBoolean(value);
    return parsed === undefined ? invalid('is not a boolean') : ok(parsed);
  }
  return invalid('is not a boolean');
};

/** Bounds of {@link numberCheck}; `greaterThan` excludes its bound. */
export interface NumberBounds {
  min?: number;
  greaterThan?: number;
  max?: number;
  integer?: boolean;
}

/**
 * The bounds in words, e.g. `an integer from 1 to 100000`, `milliseconds above 0, at most 600000`; with
 * `unit`, the numbers are in that unit.
 */
export function describeBounds(bounds: NumberBounds, unit?: string): string {
  const kind = unit ?? (bounds.integer ? 'an integer' : 'a number');
  if (bounds.greaterThan !== undefined) return `${kind} above ${bounds.greaterThan}, at most ${bounds.max}`;
  return `${kind} from ${bounds.min} to ${bounds.max}`;
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A finite number (or a decimal string) within bounds. */
export function numberCheck(bounds: NumberBounds): ValueCheck<number> {
  return (value) => {
    if (isAbsent(value)) return absent;
    const number = typeof value === 'number' ? value : typeof value === 'string' && DECIMAL.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isFinite(number)) return invalid('is not a number');
    if (bounds.integer && !Number.isInteger(number)) return invalid('is not an integer');
    if (bounds.greaterThan !== undefined && number <= bounds.greaterThan) return invalid('is too small');
    if (bounds.min !== undefined && number < bounds.min) return invalid('is too small');
    if (bounds.max !== undefined && number > bounds.max) return invalid('is too large');
    return ok(number);
  };
}

/** An absolute http(s) URL, trimmed, trailing `/` removed. */
export const checkHttpUrl: ValueCheck<string> = (value) => {
  if (isAbsent(value)) return absent;
  if (typeof value !== 'string') return invalid('is not a string');
  const text = value.trim();
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return invalid('is not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return invalid('is not an http(s) URL');
  return ok(text.replace(/\/+$/, ''));
};

/** A UUID string, returned lower-cased. */
export const checkUuid: ValueCheck<string> = (value) => {
  if (isAbsent(value)) return absent;
  const id = normalizeSessionId(value);
  return id === undefined ? invalid('is not a UUID') : ok(id);
};

/** One of `allowed` (compared trimmed and lower-cased). */
export function oneOfCheck<T extends string>(allowed: readonly T[]): ValueCheck<T> {
  return (value) => {
    if (isAbsent(value)) return absent;
    if (typeof value !== 'string') return invalid('is not a string');
    const wanted = value.trim().toLowerCase();
    const found = allowed.find((candidate) => candidate.toLowerCase() === wanted);
    return found === undefined ? invalid('is not one of the accepted values') : ok(found);
  };
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);

/** A non-array object, kept as the same reference (never copied or changed). */
export const checkObject: ValueCheck<Record<string, unknown>> = (value) => {
  if (value === undefined || value === null) return absent;
  return isPlainObject(value) ? ok(value) : invalid('is not an object');
};

/** An object of string header values, copied. */
export const checkHeaders: ValueCheck<Readonly<Record<string, string>>> = (value) => {
  if (value === undefined || value === null) return absent;
  if (!isPlainObject(value)) return invalid('is not an object of header names to string values');
  const headers: Record<string, string> = {};
  for (const [name, headerValue] of Object.entries(value)) {
    if (typeof headerValue !== 'string') return invalid(`has a non-string value for header '${name}'`);
    headers[name] = headerValue;
  }
  return ok(headers);
};

/** A function, kept as is; `F` is the signature the option documents (it cannot be checked at run time). */
export function functionCheck<F extends (...args: never[]) => unknown>(): ValueCheck<F> {
  return (value) => {
    if (value === undefined || value === null) return absent;
    return typeof value === 'function' ? ok(value as F) : invalid('is not a function');
  };
}

/** An array, kept as the same reference. */
export const checkArray: ValueCheck<readonly unknown[]> = (value) => {
  if (value === undefined || value === null) return absent;
  return Array.isArray(value) ? ok(value) : invalid('is not an array');
};

/** An array of strings and regular expressions, copied. */
export const checkPatternList: ValueCheck<ReadonlyArray<string | RegExp>> = (value) => {
  if (value === undefined || value === null) return absent;
  if (!Array.isArray(value)) return invalid('is not an array');
  if (!value.every((item) => typeof item === 'string' || item instanceof RegExp)) {
    return invalid('contains an item that is neither a string nor a RegExp');
  }
  return ok([...value] as Array<string | RegExp>);
};

/** An OpenTelemetry sampler: an object with a `shouldSample` function. */
export const checkSampler: ValueCheck<Sampler> = (value) => {
  if (value === undefined || value === null) return absent;
  if (typeof value !== 'object' || typeof (value as { shouldSample?: unknown }).shouldSample !== 'function') return invalid('has no shouldSample function');
  return ok(value as Sampler);
};

/** An object with `debug`, `info`, `warn` and `error` functions (e.g. `console`). */
export const checkLogger: ValueCheck<Logger> = (value) => {
  if (value === undefined || value === null) return absent;
  if (typeof value !== 'object' && typeof value !== 'function') return invalid('is not a logger');
  const missing = (['debug', 'info', 'warn', 'error'] as const).filter(
    (level) => typeof (value as Record<string, unknown>)[level] !== 'function',
  );
  if (missing.length > 0) return invalid(`has no ${missing.join('/')} function`);
  return ok(value as Logger);
};
