import { findTracer } from '@honeyhive/core';
import { setDefaultTracerResolver } from '@honeyhive/instrumentation';

// A named, stable function: installing it again changes nothing.
const resolveFromRegistry = () => findTracer();

/**
 * Lets `trace()`, the decorators and `enrichSpan()` of `@honeyhive/instrumentation` find the tracer on their
 * own: the one whose scope the call runs in, else the default tracer. Idempotent.
 */
export function installDefaultTracerResolver(): void {
  setDefaultTracerResolver(resolveFromRegistry);
}
