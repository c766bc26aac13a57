import { context as otelContext, createContextKey, type Context } from '@opentelemetry/api';
import type { HoneyHiveTracerBase } from './tracer-base';

/**
 * The context key under which a tracer marks "this context is in my scope" (set by its `startSpan`,
 * `withSession`, `withDistributedContext`, …). `Symbol.for` based, so two copies of this module agree.
 */
export const ACTIVE_TRACER_KEY = createContextKey('honeyhive.core.active_tracer');

// The only module-level mutable state of @honeyhive/core: which tracers exist and which one is the default.
const registered = new Set<HoneyHiveTracerBase>();
let explicitDefault: HoneyHiveTracerBase | undefined;

/** Adds a tracer to the registry (tracers do this in their constructor). The first one becomes the default. */
export function registerTracer(tracer: HoneyHiveTracerBase): void {
  if (tracer !== undefined && tracer !== null) registered.add(tracer);
}

/** Removes a tracer (tracers do this on shutdown); if it was the default, the oldest remaining one takes over. */
export function unregisterTracer(tracer: HoneyHiveTracerBase): void {
  registered.delete(tracer);
  if (explicitDefault === tracer) explicitDefault = undefined;
}

/** The default tracer: the one set with {@link setDefaultTracer}, else the first registered that is still running. */
export function getDefaultTracer(): HoneyHiveTracerBase | undefined {
  if (explicitDefault !== undefined) return explicitDefault;
  for (const tracer of registered) return tracer;
  return undefined;
}

/** Makes `tracer` the default; `undefined` goes back to "the first registered". */
export function setDefaultTracer(tracer: HoneyHiveTracerBase | undefined): void {
  explicitDefault = tracer ?? undefined;
}

/** Every registered (running) tracer, oldest first. A copy. */
export function registeredTracers(): HoneyHiveTracerBase[] {
  return [...registered];
}

/**
 * The tracer whose scope `ctx` is in (the innermost `startSpan`/`withSession`/`withDistributedContext` of a
 * still-registered tracer), else the default tracer. Never throws.
 */
export function findTracer(ctx?: Context): HoneyHiveTracerBase | undefined {
  try {
    const value = (ctx ?? otelContext.active()).getValue(ACTIVE_TRACER_KEY) as HoneyHiveTracerBase | undefined;
    if (value !== undefined && registered.has(value)) return value;
  } catch {
    // fall through to the default
  }
  return getDefaultTracer();
}
