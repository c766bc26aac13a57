import type { Context } from '@opentelemetry/api';
import type { ErrorPolicy } from '@honeyhive/integration';
import type { SpanStamp } from '@honeyhive/processing';
import type { HttpTracingScope } from './http-tracing';
import type { TracerOperation } from './tracer-operation';
import type { TracerPipelineInputs } from './tracer-pipeline';

// Callbacks a tracer hands to longer-lived parts (its pipeline, which the exit hooks hold; HTTP tracing). They are
// made here, outside the tracer's methods, so that they never hold the tracer: a tracer that user code dropped
// without shutdown() must stay collectable.

/** The {@link SpanStamp} stored under `key` in `ctx`, if any. Never throws. */
export function scopeValue(ctx: Context | undefined, key: symbol): SpanStamp | undefined {
  try {
    const value = ctx?.getValue(key);
    return value !== null && typeof value === 'object' ? (value as SpanStamp) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The pipeline's callbacks, made outside any method: a closure made in a method would hold the tracer, and the
 * exit hooks hold the pipeline, so a tracer that user code dropped could never be collected.
 */
export function pipelineCallbacks(policy: ErrorPolicy<TracerOperation>, scopeKey: symbol): Pick<TracerPipelineInputs, 'resolveStamp' | 'onExportFailed'> {
  return {
    resolveStamp: (parentContext) => scopeValue(parentContext, scopeKey),
    onExportFailed: (error) => policy.report('export', error),
  };
}

/** A tracer's own scope (frozen), in a holder the tracer replaces it in when it switches its own session. */
export interface OwnScope {
  current: Readonly<SpanStamp>;
}

/**
 * The scope HTTP tracing stamps on what it propagates, made outside any method (see {@link pipelineCallbacks}): the
 * tracer's scope in the context, else its own scope as `own` holds it at that moment.
 */
export function httpTracingScope(
  scopeKey: symbol,
  own: OwnScope,
  secretValues: readonly string[],
  onBaggageDrops?: HttpTracingScope['onBaggageDrops'],
): HttpTracingScope {
  return { scopeOf: (ctx) => scopeValue(ctx, scopeKey) ?? own.current, secretValues: [...secretValues], onBaggageDrops };
}
