import { context as otelContext, type Context } from '@opentelemetry/api';
import { ACTIVE_TRACER_KEY } from './active-tracer-key';
import type { HoneyHiveTracerBase } from './tracer-base';
import { defaultTracer, isRegistered, liveTracers, setDefault } from './tracer-registry';

// The public face of the tracer registry (tracer-registry.ts). The registry is shared with the compatible copies of
// @honeyhive/core in the process, so a tracer it returns may be an instance of another copy's class: the same
// shape on one compatibility line, hence the casts.

/**
 * The default tracer: the one set with {@link setDefaultTracer}, else the first registered that is still running,
 * whichever compatible copy of `@honeyhive/core` in the process created it.
 */
export function getDefaultTracer(): HoneyHiveTracerBase | undefined {
  return defaultTracer() as HoneyHiveTracerBase | undefined;
}

/** Makes `tracer` the default; `undefined` goes back to "the first registered". */
export function setDefaultTracer(tracer: HoneyHiveTracerBase | undefined): void {
  setDefault(tracer);
}

/** Every registered (running, not collected) tracer, oldest first. A copy. */
export function registeredTracers(): HoneyHiveTracerBase[] {
  return liveTracers() as HoneyHiveTracerBase[];
}

/**
 * The tracer whose scope `ctx` is in (the innermost `startSpan`/`withSession`/`withDistributedContext` of a
 * still-registered tracer), else the default tracer. Never throws.
 */
export function findTracer(ctx?: Context): HoneyHiveTracerBase | undefined {
  try {
    const value = (ctx ?? otelContext.active()).getValue(ACTIVE_TRACER_KEY);
    if (isRegistered(value)) return value as HoneyHiveTracerBase;
  } catch {
    // fall through to the default
  }
  return getDefaultTracer();
}
