import { parseBooleanEnv, parseHeadersEnv, parseNumberEnv, parseStringEnv } from '@honeyhive/utils';
import type { EnvSource } from '@honeyhive/utils';
import type { ValueCheck } from './value-checks';

/** What one environment variable gave: a value, nothing (unset or blank), or why it is unusable. */
export interface EnvRead<T> {
  value?: T;
  /** `detail` names the variable and what is wrong, never a secret value. */
  problem?: { variable: string; detail: string };
}

/** One environment variable of an option: its name, how it is read, and what it accepts when that differs from the option. */
export interface EnvVariable<T> {
  readonly name: string;
  /** Reads and validates the variable. Never throws. */
  read(env: EnvSource): EnvRead<T>;
  /** What a valid value looks like when it differs from the option (durations are seconds here). */
  readonly expected?: string;
  readonly example?: string;
}

function fromParser<T>(variable: string, result: { value: T | undefined; problem?: { message: string } }): EnvRead<T> {
  if (result.problem !== undefined) return { problem: { variable, detail: result.problem.message } };
  return result.value === undefined ? {} : { value: result.value };
}

/** A string variable, trimmed; blank counts as unset. */
export function textVariable(name: string): EnvVariable<string> {
  return { name, read: (env) => fromParser(name, parseStringEnv(name, env)) };
}

/** A boolean variable: true/1/yes/on or false/0/no/off, any case. */
export function booleanVariable(name: string): EnvVariable<boolean> {
  return { name, read: (env) => fromParser(name, parseBooleanEnv(name, env)) };
}

/** A string variable validated by the option's own check (URLs, one-of values). */
export function checkedVariable<T>(name: string, check: ValueCheck<T>): EnvVariable<T> {
  return {
    name,
    read: (env) => {
      const raw = fromParser(name, parseStringEnv(name, env));
      if (raw.value === undefined) return {};
      const result = check(raw.value);
      if (result.kind === 'ok') return { value: result.value };
      if (result.kind === 'absent') return {};
      const shown = raw.value.length > 120 ? `${raw.value.slice(0, 120)}…` : raw.value;
      return { problem: { variable: name, detail: `${name}='${shown}' ${result.reason}` } };
    },
  };
}

/** An integer variable within `min`…`max`. */
export function integerVariable(name: string, min: number, max: number): EnvVariable<number> {
  return { name, read: (env) => fromParser(name, parseNumberEnv(name, { min, max, integer: true }, env)) };
}

const MS_PER_UNIT = { seconds: 1000, milliseconds: 1 } as const;

/** A duration variable in `unit`, read as milliseconds: `min`…`max` (in `unit`), rounded to the millisecond. A problem names the unit. */
function durationVariable(name: string, min: number, max: number, unit: keyof typeof MS_PER_UNIT, expected: string, example: string): EnvVariable<number> {
  return {
    name,
    expected,
    example,
    read: (env) => {
      const read = fromParser(name, parseNumberEnv(name, { min, max }, env));
      if (read.problem !== undefined) return { problem: { ...read.problem, detail: `${read.problem.detail} (${unit})` } };
      return read.value === undefined ? {} : { value: Math.round(read.value * MS_PER_UNIT[unit]) };
    },
  };
}

/**
 * A duration variable in seconds (the Python SDK's unit), read as milliseconds: `minSeconds`…`maxSeconds`,
 * rounded to the millisecond. A problem says that the unit is seconds.
 */
export function secondsVariable(name: string, minSeconds: number, maxSeconds: number, expected: string, example: string): EnvVariable<number> {
  return durationVariable(name, minSeconds, maxSeconds, 'seconds', expected, example);
}

/** A header list: a JSON object of strings or the OTel form `k1=v1,k2=v2` (values never shown in a problem). */
export function headersVariable(name: string, expected: string, example: string): EnvVariable<Readonly<Record<string, string>>> {
  return { name, expected, example, read: (env) => fromParser(name, parseHeadersEnv(name, env)) };
}

/**
 * Reads an option's variables in precedence order: the first one that is set decides (a value, or a problem
 * when it is unusable); the ones after it are not read. Nothing when none is set.
 */
export function readEnvVariables<T>(variables: readonly EnvVariable<T>[], env: EnvSource): EnvRead<T> & { variable?: string } {
  for (const variable of variables) {
    const read = variable.read(env);
    if (read.problem !== undefined || read.value !== undefined) return { ...read, variable: variable.name };
  }
  return {};
}

/** A duration variable in milliseconds (the OpenTelemetry SDK variables' unit): `min`…`max`, rounded. */
export function millisecondsVariable(name: string, min: number, max: number, expected: string, example: string): EnvVariable<number> {
  return durationVariable(name, min, max, 'milliseconds', expected, example);
}

/**
 * `OTEL_EXPORTER_OTLP_ENDPOINT`: a base URL to which the traces path `v1/traces` is appended, as the
 * OpenTelemetry specification says for the generic endpoint (`http://collector:4318` → `…:4318/v1/traces`,
 * `http://host/otlp/` → `…/otlp/v1/traces`). The signal-specific variable is used as is (a {@link checkedVariable}).
 */
export function otlpBaseEndpointVariable(name: string, check: ValueCheck<string>): EnvVariable<string> {
  const base = checkedVariable(name, check);
  return {
    name,
    expected: 'an http(s) base URL of an OTLP receiver (v1/traces is appended)',
    example: 'http://localhost:4318',
    read: (env) => {
      const read = base.read(env);
      if (read.value === undefined) return read;
      const url = new URL(read.value);
      url.pathname = `${url.pathname.replace(/\/+$/, '')}/v1/traces`;
      return { value: url.href };
    },
  };
}
