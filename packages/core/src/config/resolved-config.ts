import { redactSecrets } from '@honeyhive/integration';
import { REDACTED } from '@honeyhive/utils';
import type { ConfigSource } from './config-problem';
import type { ResolvedOptions } from './option-table';

/**
 * Every setting after resolution: validated, defaults filled in. Frozen. `apiKey` is non-enumerable, and
 * `toJSON` and `util.inspect` show a view with it and the OTLP header values redacted, so logging or
 * serializing the config never leaks them.
 * Fields left undefined mean "not set": for batch settings the export profile decides, for `sessionId` the
 * tracer generates one. The fields and their types come from the option table (`OPTION_TABLE`).
 */
export interface ResolvedTracerConfig extends ResolvedOptions {
  /** Where each setting's value came from. */
  readonly sources: Readonly<Record<string, ConfigSource>>;
  /** A JSON-safe view with secrets redacted. */
  toJSON(): Record<string, unknown>;
}

const INSPECT = Symbol.for('nodejs.util.inspect.custom');

function jsonView(config: ResolvedTracerConfig): Record<string, unknown> {
  const out: Record<string, unknown> = { ...config };
  // A key pasted into another field (project, sessionName, …) is scrubbed too.
  if (config.apiKey !== undefined) {
    for (const [name, value] of Object.entries(out)) {
      if (typeof value === 'string') out[name] = redactSecrets(value, [config.apiKey]);
    }
    out.apiKey = REDACTED;
  }
  if (config.otlpHeaders !== undefined) {
    out.otlpHeaders = Object.fromEntries(Object.keys(config.otlpHeaders).map((name) => [name, REDACTED]));
  }
  // Instrumentations and modules are live objects (often circular): show what they are, not their insides.
  out.instrumentations = config.instrumentations.map((item) => {
    const name = (item as { instrumentationName?: unknown } | null)?.instrumentationName;
    return typeof name === 'string' ? name : typeof item;
  });
  if (config.instrumentModules !== undefined) out.instrumentModules = Object.keys(config.instrumentModules);
  if (config.logger !== undefined) out.logger = '[logger]';
  if (config.sampler !== undefined) out.sampler = '[sampler]';
  return out;
}

/** Builds the frozen {@link ResolvedTracerConfig} from resolved values. */
export function createResolvedConfig(values: ResolvedOptions, sources: Record<string, ConfigSource>): ResolvedTracerConfig {
  const config: ResolvedTracerConfig = {
    ...values,
    sources: Object.freeze({ ...sources }),
    toJSON(this: ResolvedTracerConfig) {
      return jsonView(this);
    },
  };
  // Hidden from Object.keys, spreading and JSON: the key, and the methods.
  Object.defineProperty(config, 'apiKey', { enumerable: false });
  Object.defineProperty(config, 'toJSON', { enumerable: false });
  // console.log / util.inspect show the same redacted view.
  Object.defineProperty(config, INSPECT, {
    value: function inspect(this: ResolvedTracerConfig) {
      return jsonView(this);
    },
    enumerable: false,
  });
  return Object.freeze(config);
}
