/** Where environment variables are read from; `process.env` by default. Never mutated. */
export type EnvSource = Readonly<Record<string, string | undefined>>;

/** A variable that is set but unusable. `message` names it, the accepted forms and the fix. */
export interface EnvProblem {
  /** The variable's name, e.g. `HH_BATCH_SIZE`. */
  variable: string;
  /** The raw value, or `'<redacted>'` for secret-like names and header lists. */
  value: string;
  /** One line for a user, e.g. `HH_BATCH_SIZE='abc' is not a number; use an integer from 1 to 100000`. */
  message: string;
}

/** A parsed variable: `value` is undefined when it is absent (unset or blank) or bad; `problem` says why it was bad. */
export type EnvResult<T> = { value: T | undefined; problem?: EnvProblem };

/** Bounds of {@link parseNumberEnv}. */
export interface NumberEnvOptions {
  min?: number;
  max?: number;
  integer?: boolean;
}

/** The placeholder shown instead of a secret value. */
export const REDACTED = '<redacted>';

const SECRET_NAME_PARTS = ['KEY', 'SECRET', 'TOKEN', 'PASSWORD', 'PASSWD', 'CREDENTIAL'];
const MAX_SHOWN_VALUE = 120;

/** True when a variable's name suggests a secret (it contains KEY, SECRET, TOKEN, PASSWORD, …): its value is never shown. */
export function isSecretEnvName(name: string): boolean {
  const upper = String(name).toUpperCase();
  return SECRET_NAME_PARTS.some((part) => upper.includes(part));
}

function shown(name: string, raw: string, alwaysRedact = false): string {
  if (alwaysRedact || isSecretEnvName(name)) return REDACTED;
  return raw.length > MAX_SHOWN_VALUE ? `${raw.slice(0, MAX_SHOWN_VALUE)}…` : raw;
}

function problem(name: string, raw: string, reason: string, fix: string, alwaysRedact = false): EnvProblem {
  const value = shown(name, raw, alwaysRedact);
  return { variable: name, value, message: `${name}='${value}' ${reason}; ${fix}` };
}

/** The trimmed value, or undefined when unset or blank. */
function readTrimmed(name: string, env: EnvSource): string | undefined {
  const raw = env[name];
  if (typeof raw !== 'string') return undefined;
  const text = raw.trim();
  return text === '' ? undefined : text;
}

const TRUE_WORDS = new Set(['true', '1', 'yes', 'on']);
const FALSE_WORDS = new Set(['false', '0', 'no', 'off']);

/** `true`/`1`/`yes`/`on` → true, `false`/`0`/`no`/`off` → false (trimmed, any case); anything else → undefined. */
export function parseBoolean(text: string): boolean | undefined {
  if (typeof text !== 'string') return undefined;
  const word = text.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Reads a boolean variable (see {@link parseBoolean}); a bad value gives a problem naming the variable. */
export function parseBooleanEnv(name: string, env: EnvSource = process.env): EnvResult<boolean> {
  const text = readTrimmed(name, env);
  if (text === undefined) return { value: undefined };
  const value = parseBoolean(text);
  if (value !== undefined) return { value };
  return {
    value: undefined,
    problem: problem(name, text, 'is not a boolean', 'use true, 1, yes or on, or false, 0, no or off'),
  };
}

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function describeAccepted(options: NumberEnvOptions): string {
  const kind = options.integer ? 'an integer' : 'a number';
  const { min, max } = options;
  if (min !== undefined && max !== undefined) return `use ${kind} from ${min} to ${max}`;
  if (min !== undefined) return `use ${kind} of at least ${min}`;
  if (max !== undefined) return `use ${kind} of at most ${max}`;
  return `use ${kind}`;
}

/** Reads a decimal number within optional bounds; a non-number, a fraction where an integer is wanted or an out-of-range value gives a problem. */
export function parseNumberEnv(
  name: string,
  options: NumberEnvOptions = {},
  env: EnvSource = process.env,
): EnvResult<number> {
  const text = readTrimmed(name, env);
  if (text === undefined) return { value: undefined };
  const fix = describeAccepted(options);
  const value = DECIMAL.test(text) ? Number(text) : Number.NaN;
  if (!Number.isFinite(value)) return { value: undefined, problem: problem(name, text, 'is not a number', fix) };
  if (options.integer && !Number.isInteger(value)) {
    return { value: undefined, problem: problem(name, text, 'is not an integer', fix) };
  }
  if ((options.min !== undefined && value < options.min) || (options.max !== undefined && value > options.max)) {
    return { value: undefined, problem: problem(name, text, 'is out of range', fix) };
  }
  return { value };
}

/** Reads a string variable, trimmed; blank counts as unset. Never has a problem. */
export function parseStringEnv(name: string, env: EnvSource = process.env): EnvResult<string> {
  return { value: readTrimmed(name, env) };
}

const HEADERS_FIX = 'use a JSON object of strings such as {"x-team":"a"} or the OTel form k1=v1,k2=v2 (URL-encode , and = in values)';

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads a header list: a JSON object of string values, or the OTel form `k1=v1,k2=v2` with URL-encoded
 * keys and values. The value is never shown in a problem (headers usually carry credentials).
 */
export function parseHeadersEnv(name: string, env: EnvSource = process.env): EnvResult<Record<string, string>> {
  const text = readTrimmed(name, env);
  if (text === undefined) return { value: undefined };
  const bad = (reason: string): EnvResult<Record<string, string>> => ({
    value: undefined,
    problem: problem(name, text, reason, HEADERS_FIX, true),
  });
  const headers: Record<string, string> = Object.create(null);
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return bad('is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return bad('is not a JSON object');
    for (const [key, value] of Object.entries(parsed)) {
      if (typeof value !== 'string') return bad(`has a non-string value for header '${key}'`);
      headers[key] = value;
    }
    return { value: { ...headers } };
  }
  const entries = text.split(',');
  for (let i = 0; i < entries.length; i += 1) {
    const entry = (entries[i] as string).trim();
    if (entry === '') continue;
    const equals = entry.indexOf('=');
    if (equals <= 0) return bad(`has an entry without 'key=' (entry ${i + 1})`);
    const key = decode(entry.slice(0, equals).trim());
    const value = decode(entry.slice(equals + 1).trim());
    if (key === undefined || value === undefined || key === '') {
      return bad(`has a malformed URL-encoded entry (entry ${i + 1})`);
    }
    headers[key] = value;
  }
  return { value: { ...headers } };
}

/** The first of `names` that is set to a non-blank value (trimmed), e.g. HH_OTLP_PROTOCOL before OTEL_EXPORTER_OTLP_PROTOCOL. */
export function firstDefinedEnv(
  names: readonly string[],
  env: EnvSource = process.env,
): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = readTrimmed(name, env);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}
