import { redactSecrets } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';
import { REDACTED } from '@honeyhive/utils';
import type { ConfigSource } from './config-problem';
import type { ExportProfileName, MaskFunction, OnErrorHook, OtlpProtocol, SpanNamePattern } from './types';

/**
 * Every setting after resolution: validated, defaults filled in. Frozen. `apiKey` is non-enumerable, and
 * `toJSON` and `util.inspect` show a view with it and the OTLP header values redacted, so logging or
 * serializing the config never leaks them.
 * Fields left undefined mean "not set": for batch settings the export profile decides, for `sessionId` the
 * tracer generates one.
 */
export interface ResolvedTracerConfig {
  readonly apiKey: string | undefined;
  readonly serverUrl: string;
  readonly project: string | undefined;
  readonly source: string;
  readonly sessionName: string;
  readonly sessionId: string | undefined;
  readonly inputs: Record<string, unknown> | undefined;
  readonly metadata: Record<string, unknown> | undefined;
  readonly userProperties: Record<string, unknown> | undefined;
  readonly verbose: boolean;
  readonly testMode: boolean;
  readonly disableBatch: boolean;
  readonly disableTracing: boolean;
  readonly disableHttpTracing: boolean;
  readonly httpTracingPropagateTo: ReadonlyArray<string | RegExp> | undefined;
  readonly otlpEndpoint: string | undefined;
  readonly otlpHeaders: Readonly<Record<string, string>> | undefined;
  readonly otlpProtocol: OtlpProtocol;
  readonly batchSize: number | undefined;
  readonly maxExportBatchBytes: number | undefined;
  readonly flushIntervalMs: number | undefined;
  readonly exportTimeoutMs: number | undefined;
  readonly maxQueueSize: number | undefined;
  readonly exportProfile: ExportProfileName | undefined;
  readonly maxAttributes: number;
  readonly apiTimeoutMs: number;
  readonly exitTimeoutMs: number;
  readonly strict: boolean;
  readonly registerGlobal: boolean;
  readonly includeSpanNames: readonly SpanNamePattern[] | undefined;
  readonly excludeSpanNames: readonly SpanNamePattern[] | undefined;
  readonly instrumentations: readonly unknown[];
  readonly instrumentModules: Record<string, unknown> | undefined;
  readonly onError: OnErrorHook | undefined;
  readonly logger: Logger | undefined;
  readonly captureInputs: boolean;
  readonly captureOutputs: boolean;
  readonly mask: MaskFunction | undefined;
  readonly redactSecrets: boolean;
  readonly secretKeys: ReadonlyArray<string | RegExp>;
  readonly legacyInputShape: boolean;
  readonly isEvaluation: boolean;
  readonly runId: string | undefined;
  readonly datasetId: string | undefined;
  readonly datapointId: string | undefined;
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
  return out;
}

/** Builds the frozen {@link ResolvedTracerConfig} from resolved values. */
export function createResolvedConfig(
  values: Record<string, unknown>,
  sources: Record<string, ConfigSource>,
): ResolvedTracerConfig {
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values)) if (key !== 'apiKey') config[key] = value;
  config.sources = Object.freeze({ ...sources });
  Object.defineProperty(config, 'apiKey', { value: values.apiKey, enumerable: false });
  Object.defineProperty(config, 'toJSON', {
    value: function toJSON(this: ResolvedTracerConfig) {
      return jsonView(this);
    },
    enumerable: false,
  });
  // console.log / util.inspect show the same redacted view.
  Object.defineProperty(config, INSPECT, {
    value: function inspect(this: ResolvedTracerConfig) {
      return jsonView(this);
    },
    enumerable: false,
  });
  return Object.freeze(config) as unknown as ResolvedTracerConfig;
}
