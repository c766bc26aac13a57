import type { EnvVars } from './environment';
import { readEnv } from './read-env';

/**
 * Parses `OTEL_RESOURCE_ATTRIBUTES` (`k1=v1,k2=v2`, keys and values URL-encoded). As the OpenTelemetry
 * specification asks, a malformed entry (no `=`, empty key, bad percent-encoding) discards the whole value.
 * Returns `{}` when unset or malformed.
 */
export function parseOtelResourceAttributes(env: EnvVars): Record<string, string> {
  const raw = readEnv(env, 'OTEL_RESOURCE_ATTRIBUTES');
  if (raw === undefined) return {};
  const out: Record<string, string> = {};
  try {
    for (const entry of raw.split(',')) {
      if (entry.trim() === '') continue;
      const equals = entry.indexOf('=');
      if (equals < 0) return {};
      const key = decodeURIComponent(entry.slice(0, equals).trim());
      const value = decodeURIComponent(entry.slice(equals + 1).trim());
      if (key === '') return {};
      out[key] = value;
    }
  } catch {
    return {};
  }
  return out;
}
