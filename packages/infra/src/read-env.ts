import type { EnvVars } from './environment';

/** The trimmed value of `name`, or undefined when unset, blank or unreadable. */
export function readEnv(env: EnvVars, name: string): string | undefined {
  try {
    const raw = env[name];
    if (typeof raw !== 'string') return undefined;
    const text = raw.trim();
    return text === '' ? undefined : text;
  } catch {
    return undefined;
  }
}

/** The first of `names` that is set (trimmed, non-blank). */
export function firstEnv(env: EnvVars, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = readEnv(env, name);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** True when `name` is set to anything but a false word (`false`, `0`, `no`, `off`). */
export function isEnvSet(env: EnvVars, name: string): boolean {
  const value = readEnv(env, name);
  return value !== undefined && !['false', '0', 'no', 'off'].includes(value.toLowerCase());
}

/** A positive integer from `name`, or undefined. */
export function readPositiveInt(env: EnvVars, name: string): number | undefined {
  const value = readEnv(env, name);
  if (value === undefined || !/^\d+$/.test(value)) return undefined;
  const parsed = Number(value);
  return Number.isSafeInteger(parsed) && parsed > 0 ? parsed : undefined;
}

/** Copies only the defined fields, so detected objects never carry `undefined` values; undefined when none is left. */
export function compact<T extends object>(value: T): T | undefined {
  const out: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== undefined) out[key] = field;
  return Object.keys(out).length > 0 ? (out as T) : undefined;
}
