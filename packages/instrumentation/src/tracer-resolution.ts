import { trace as otelTrace } from '@opentelemetry/api';
import type { Tracer } from '@opentelemetry/api';
import type { EnrichSessionFields } from '@honeyhive/utils';
import { processWide } from '@honeyhive/utils';
import type { CaptureOptions } from './capture-options';
import { PACKAGE_VERSION } from './version';

/**
 * What instrumentation needs from a tracer. `@honeyhive/core`'s `HoneyHiveTracerBase` implements it;
 * any object with these members works (tests use a plain OpenTelemetry tracer).
 */
export interface TracerLike {
  /** The OpenTelemetry tracer whose spans this tracer exports. */
  getTracer(): Tracer;
  /** Per-tracer capture settings (optional). */
  readonly captureOptions?: CaptureOptions;
  /**
   * Updates a session on the backend (`PUT /v1/events/{session_id}`): `sessionId`, else the session of the
   * current scope or the tracer's own. May return a boolean, a `{ ok }` result or a promise of either.
   * Optional: `enrichSession()` returns false for a tracer without it.
   */
  enrichSession?(fields: EnrichSessionFields, sessionId?: string): unknown;
  /**
   * Adds fields to one event named by its id (`enrichSpan({ eventId })`): a span of this tracer still open is
   * enriched in place, any other id updated through the API. May return a boolean, a `{ ok }` result or a promise of
   * either. Optional: `enrichSpan({ eventId })` resolves false for a tracer without it.
   */
  enrichEvent?(eventId: string, fields: object): unknown;
}

/** Finds the tracer to use when a call names none (`@honeyhive/tracer` registers core's registry lookup). */
export type DefaultTracerResolver = () => TracerLike | undefined;

/** Instrumentation scope name of the fallback tracer taken from the global OpenTelemetry API. */
export const FALLBACK_TRACER_NAME = 'honeyhive';

// The one piece of process-wide state: a hook into core's tracer registry, not a tracer itself. Shared by every
// compatible copy of this package in the process (`processWide`), so `trace()` of a plugin's own copy finds the
// tracer the app created. Its one field is the contract between those copies.
const { state: resolution } = processWide('instrumentation.tracer-resolver', PACKAGE_VERSION, () => ({
  resolver: undefined as DefaultTracerResolver | undefined,
}));

/**
 * Registers how to find the tracer when `trace()`/`enrichSpan()` are given none; `undefined` removes it.
 * Returns the resolver it replaced. `@honeyhive/tracer` calls this with core's registry lookup.
 */
export function setDefaultTracerResolver(resolver: DefaultTracerResolver | undefined): DefaultTracerResolver | undefined {
  const previous = resolution.resolver;
  resolution.resolver = typeof resolver === 'function' ? resolver : undefined;
  return previous;
}

/**
 * The tracer for a call: `explicit` when given, else what the default resolver returns (a throwing
 * resolver counts as none), else undefined (the caller falls back to the global API). Never throws.
 */
export function resolveTracerLike(explicit: TracerLike | undefined): TracerLike | undefined {
  if (explicit !== undefined && explicit !== null) return explicit;
  const resolver = resolution.resolver;
  if (typeof resolver !== 'function') return undefined;
  try {
    const found = resolver();
    return found !== null && typeof found === 'object' ? found : undefined;
  } catch {
    return undefined;
  }
}

function isTracer(value: unknown): value is Tracer {
  return value !== null && typeof value === 'object' && typeof (value as Tracer).startSpan === 'function';
}

/**
 * The OpenTelemetry tracer to start spans with: `tracerLike.getTracer()` when a tracer was resolved,
 * else `trace.getTracer('honeyhive')` from the global API. Throws when the resolved tracer is broken
 * (its `getTracer` throws or returns no tracer); callers then run the user's function untraced.
 */
export function otelTracerFor(tracerLike: TracerLike | undefined): Tracer {
  if (tracerLike === undefined) return otelTrace.getTracer(FALLBACK_TRACER_NAME);
  const tracer = tracerLike.getTracer();
  if (!isTracer(tracer)) throw new TypeError('TracerLike.getTracer() did not return an OpenTelemetry Tracer');
  return tracer;
}
