// Public API of @honeyhive/core (layer 5). Configuration for now; the tracer classes come later.
export { TracerConfig } from './config/tracer-config';
export type {
  TracerOptions,
  TracerSettings,
  SessionConfig,
  EvaluationConfig,
  OtlpProtocol,
  ExportProfileName,
  SpanNamePattern,
  MaskFunction,
  OnErrorHook,
} from './config/types';
export { resolveTracerConfig } from './config/resolve-tracer-config';
export type { TracerConfigResolution, TracerMode } from './config/resolve-tracer-config';
export type { ResolvedTracerConfig } from './config/resolved-config';
export { formatConfigProblem } from './config/config-problem';
export type { ConfigProblem, ConfigSource } from './config/config-problem';
export { HoneyHiveConfigError, assertValidConfig } from './config/config-error';
export { suggestOptionName, TRACER_OPTION_NAMES } from './config/option-names';
export { defaultSessionName } from './config/default-session-name';
export {
  DEFAULT_SERVER_URL,
  DEFAULT_SOURCE,
  DEFAULT_MAX_ATTRIBUTES,
  DEFAULT_API_TIMEOUT_MS,
  DEFAULT_OTLP_PROTOCOL,
  HH_ENV,
} from './config/defaults';
