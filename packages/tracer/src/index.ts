// Public API of @honeyhive/tracer (layer 7): the tracer, plus what users need from the lower packages.
export { HoneyHiveTracer } from './honeyhive-tracer';

// configuration and errors
export {
  TracerConfig,
  resolveTracerConfig,
  HoneyHiveConfigError,
  formatConfigProblem,
  DEFAULT_SERVER_URL,
  DEFAULT_SOURCE,
} from '@honeyhive/core';
export type {
  HoneyHiveTracerOptions,
  TracerOptions,
  TracerSettings,
  SessionConfig,
  EvaluationConfig,
  OtlpProtocol,
  ExportProfileName,
  SpanNamePattern,
  MaskFunction,
  OnErrorHook,
  ConfigProblem,
  TracerMode,
  ResolvedTracerConfig,
  ExitHookChoice,
} from '@honeyhive/core';
export { HoneyHiveError } from '@honeyhive/integration';
export type { ErrorInfo, ErrorSeverity } from '@honeyhive/integration';

// the tracer's building blocks, for plugins and for several tracers in one process
export {
  HoneyHiveTracerBase,
  TracerOperationsMixin,
  TracerContextMixin,
  getDefaultTracer,
  setDefaultTracer,
  findTracer,
  flushAll,
  shutdownAll,
  enrichmentAttributes,
  applyEnrichment,
} from '@honeyhive/core';
export type {
  Constructor,
  TracerBaseConstructor,
  TracerOperations,
  TracerContext,
  StartSpanOptions,
  SessionOptions,
  BaggageEntries,
  EnrichmentFields,
  EnrichSessionFields,
  CreateEventOptions,
  TracerCaptureOptions,
  TracerStats,
  TracerOperation,
  CallCounts,
  CallFailureReason,
  CallSkipReason,
  ApiStatus,
} from '@honeyhive/core';
export type { ProcessorStats, DroppedCounts, SpanStamp } from '@honeyhive/processing';
export type { LifecycleState } from '@honeyhive/lifecycle';
export type { Logger } from '@honeyhive/utils';

// tracing functions and decorators
export { trace, atrace, traceModel, traceTool, traceChain, traced, traceMethod, traceClass, enrichSpan } from '@honeyhive/instrumentation';
export type { TraceOptions, TraceMethodDecorator, TraceClassOptions, EnrichSpanFields, EnrichEventFields, EnrichSpanOptions, EnrichSessionOptions, InstrumentationLike, InstrumentationList } from '@honeyhive/instrumentation';
export { enrichSession, traceFunction } from './legacy-functions';

// the npm honeyhive 1.x API and Python-style options
export { LegacyTracerMixin } from './legacy-methods';
export type { LegacyTracerMethods, LegacyTracerStatics } from './legacy-methods';
export { PythonFormsMixin } from './python-forms';
export type { PythonFormsMethods, PythonFormsStatics } from './python-forms';
export type {
  TraceFunctionOptions,
  EnrichSpanParams,
  EnrichSessionParams,
  PythonStyleTracerOptions,
  HoneyHiveTracerInitOptions,
  HoneyHiveTracerProperties,
} from './legacy-types';
