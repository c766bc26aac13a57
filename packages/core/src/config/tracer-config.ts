import { REDACTED } from '@honeyhive/utils';
import { namesOf } from './legacy-options';
import type { TracerSettings } from './types';

// `apiKey` and its legacy spellings (`api_key`, `bearerAuth`) are stored non-enumerable.
const API_KEY_NAMES: ReadonlySet<string> = new Set(namesOf('apiKey'));

/**
 * A reusable bundle of tracer settings: `new HoneyHiveTracer({ config: new TracerConfig({...}) })`. It stores
 * what it is given, unvalidated (validation happens when a tracer resolves it). The API key is kept as a
 * non-enumerable property, so it does not show in `Object.keys`, `console.log` or `JSON.stringify`.
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class TracerConfig {
  constructor(init: TracerSettings = {}) {
    if (init === null || typeof init !== 'object') return;
    for (const key of Object.keys(init)) {
      const value = (init as Record<string, unknown>)[key];
      if (API_KEY_NAMES.has(key)) Object.defineProperty(this, key, { value, enumerable: false, writable: true, configurable: true });
      else (this as Record<string, unknown>)[key] = value;
    }
  }

  /** The settings with the API key and OTLP header values replaced by `<redacted>`. */
  toJSON(): Record<string, unknown> {
    const out: Record<string, unknown> = { ...(this as Record<string, unknown>) };
    for (const name of API_KEY_NAMES) if ((this as Record<string, unknown>)[name] !== undefined) out[name] = REDACTED;
    const headers = this.otlpHeaders;
    if (headers !== null && typeof headers === 'object') {
      out.otlpHeaders = Object.fromEntries(Object.keys(headers).map((name) => [name, REDACTED]));
    }
    return out;
  }
}

// Declaration merging: a TracerConfig instance has every TracerSettings field.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface TracerConfig extends TracerSettings {}

