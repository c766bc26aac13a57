// Public API of @honeyhive/core: configuration, HoneyHiveTracerBase and its mixins, the tracer registry.
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
export { DEFAULT_SERVER_URL, DEFAULT_SOURCE } from './config/defaults';
export { HoneyHiveTracerBase } from './tracer-base';
export type { TracerCaptureOptions } from './tracer-base';
export type { HoneyHiveTracerOptions } from './tracer-options';
export type { ExitHookChoice } from './tracer-pipeline';
export type { TracerStats, CallCounts } from './tracer-stats';
export type { TracerOperation } from './tracer-operation';
export type { BaggageDropStats } from './baggage-drop-counts';
export type { CallFailureReason, CallSkipReason } from './call-counts';
export type { ApiStatus } from './api-breaker';
export type { Constructor, TracerBaseConstructor } from './mixin-types';
export { TracerOperationsMixin } from './operations-mixin';
export type { TracerOperations, StartSpanOptions, EnrichSessionFields, CreateEventOptions } from './operations-mixin';
export { TracerContextMixin } from './context-mixin';
export type { TracerContext, SessionOptions, BaggageEntries } from './context-mixin';
export { enrichmentAttributes, applyEnrichment } from './enrichment';
export type { EnrichmentFields, EnrichmentLimits } from './enrichment';
export { flushAll, shutdownAll } from './all-tracers';
export {
  getDefaultTracer,
  setDefaultTracer,
  findTracer,
  registeredTracers,
} from './registry';
// the type of the `sessionClient` member a mixin may use (README, mixin contract); the tracer base creates it
export type {
  SessionClient,
  ApiResult,
  CallOutcome,
  StartSessionOptions,
  StartSessionResult,
  CreateEventResult,
  SessionClientCounts,
} from './session-client';
export type { SessionStartFields, EventUpdateFields, CreateEventFields } from './event-payloads';
export { TRACER_VERSION } from './version';
