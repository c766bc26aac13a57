import { createContextKey } from '@opentelemetry/api';

/**
 * The context key under which a tracer marks "this context is in my scope" (set by its `startSpan`,
 * `withSession`, `withDistributedContext`, …). `createContextKey` makes a `Symbol.for` key, so every copy of
 * `@honeyhive/core` in the process reads and writes the same one.
 */
export const ACTIVE_TRACER_KEY = createContextKey('honeyhive.core.active_tracer');
