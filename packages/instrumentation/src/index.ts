// Public API of @honeyhive/instrumentation (layer 6).
export { trace, atrace } from './trace';
export { traceModel, traceTool, traceChain } from './typed-trace';
export type { TypedTrace } from './typed-trace';
export { traced, traceMethod, traceClass } from './decorators';
export type {
  TraceMethodDecorator,
  TracedDecoratorFactory,
  TraceClassDecorator,
  TraceClassDecoratorFactory,
  TraceClassOptions,
} from './decorators';
export { enrichSpan } from './enrich-span';
export type { EnrichSpanFields, EnrichEventFields, EnrichSpanOptions } from './enrich-span';
export { enrichSession } from './enrich-session';
export type { EnrichSessionFields, EnrichSessionOptions } from './enrich-session';
export { registerInstrumentors } from './instrumentors';
export type {
  InstrumentationLike,
  InstrumentationList,
  InstrumentorHost,
  RegisterInstrumentorsOptions,
  UnregisterInstrumentors,
} from './instrumentors';
export { isTraced, untraced } from './traced-marker';
export { parseParamNames } from './param-names';
export type { ParamSpec } from './param-names';
export { setDefaultTracerResolver, FALLBACK_TRACER_NAME } from './tracer-resolution';
export type { TracerLike, DefaultTracerResolver } from './tracer-resolution';
export type { CaptureOptions, MaskFunction } from './capture-options';
export type { TraceOptions, AnyFunction } from './trace-options';
export type { SpanRecordFields } from './record-fields';
