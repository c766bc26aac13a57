import { isThenable, recordEnrichmentToSink } from '@honeyhive/utils';
import type { SpanEventType } from '@honeyhive/utils';
import { context, trace as otelTrace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { cachedCaptureSettings, newSettingsCache, resolveCaptureSettings } from './capture-settings';
import type { SpanRecordFields } from './record-fields';
import { reportFailure } from './report-failure';
import type { TracerLike } from './tracer-resolution';
import { resolveTracerLike } from './tracer-resolution';

/** What `enrichSpan` adds to a span. Every field is optional; `null`/`undefined` fields add nothing. */
export interface EnrichSpanFields extends SpanRecordFields {
  /** Flattened under `honeyhive_inputs` (a single value under `honeyhive_inputs.value`); masked at every depth. */
  inputs?: unknown;
  /** Flattened under `honeyhive_outputs` (a single value under `honeyhive_outputs.value`); masked at every depth. */
  outputs?: unknown;
  /** Sets `honeyhive_error` (its message) and, for an Error, `honeyhive_error_type`. Does not change the span status. */
  error?: unknown;
  /** Sets `honeyhive_event_name` (the span's own name is left alone). */
  eventName?: string;
  /** Sets `honeyhive_event_type` when it is `model`, `tool` or `chain`. */
  eventType?: SpanEventType;
  /** Extra attributes; object values are flattened under their key. */
  attributes?: Attributes | Record<string, unknown>;
}

/**
 * `enrichSpan`'s fields with `eventId`: the event to enrich instead of the active span (the Python SDK's
 * `enrich_span(event_id=…)`): a span id (`span.spanContext().spanId`), an event id from `createEvent`, a session id.
 */
export interface EnrichEventFields extends EnrichSpanFields {
  /** The event to enrich. */
  eventId: string;
}

/** Which span `enrichSpan` changes, and whose capture settings (mask, limits) apply. */
export interface EnrichSpanOptions {
  /** The span to enrich. Default: the active span. */
  span?: Span;
  /** Whose `captureOptions` apply. Default: the registered default tracer, if any. */
  tracer?: TracerLike;
}

/** The capture settings of the tracer enriched last (`enrichSpan` takes no per-call capture options). */
const lastSettings = newSettingsCache();

/** Sets the attributes of `fields` on `span` one by one (no intermediate object), with `tracer`'s capture settings. */
function setEnrichment(span: Span, fields: EnrichSpanFields, tracer: TracerLike | undefined): void {
  const settings = cachedCaptureSettings(lastSettings, undefined, tracer);
  recordEnrichmentToSink((key, value) => span.setAttribute(key, value), fields, settings.enrichment);
}

function outcomeOf(result: unknown): boolean {
  if (typeof result === 'boolean') return result;
  if (result !== null && typeof result === 'object' && typeof (result as { ok?: unknown }).ok === 'boolean') return (result as { ok: boolean }).ok;
  return false;
}

/** The `eventId` of `fields` when it is an own data property that is set (no getter runs). */
function eventIdOf(fields: unknown): unknown {
  if (fields === null || typeof fields !== 'object') return undefined;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(fields, 'eventId');
    return descriptor !== undefined && 'value' in descriptor && descriptor.value !== null ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
}

/** `enrichSpan({ eventId, ... })`: through the tracer's `enrichEvent`. */
async function enrichEventThrough(eventId: unknown, fields: EnrichSpanFields, explicit: TracerLike | undefined): Promise<boolean> {
  let tracer: TracerLike | undefined;
  try {
    tracer = resolveTracerLike(explicit);
    const enrich = tracer?.enrichEvent;
    if (tracer === undefined || typeof enrich !== 'function') return false;
    const result: unknown = enrich.call(tracer, eventId as string, fields);
    return outcomeOf(isThenable(result) ? await result : result);
  } catch (failure) {
    reportFailure(resolveCaptureSettings(undefined, tracer).logger, 'enrichSpan', failure);
    return false;
  }
}

/**
 * With `eventId`: enriches that event instead of the active span (the Python SDK's `enrich_span(event_id=…)`),
 * through the tracer (`options.tracer`, else the one whose scope the call runs in, else the default tracer): its
 * span still open in this process is enriched in place; any other id (a span that ended, an event from
 * `createEvent`, a session) gets an event update through the HoneyHive API. Resolves true when it was applied;
 * false, without rejecting, when there is no tracer or it failed.
 */
export function enrichSpan(fields: EnrichEventFields, options?: Pick<EnrichSpanOptions, 'tracer'>): Promise<boolean>;
/**
 * Adds HoneyHive fields to a span: `options.span`, else the active span (e.g. inside a `trace()`d
 * function). Returns true when it enriched a recording span; false, without throwing, when there is
 * no span, the span is not recording (ended or sampled out) or anything fails.
 */
export function enrichSpan(fields: EnrichSpanFields, options?: EnrichSpanOptions): boolean;
export function enrichSpan(fields: EnrichSpanFields, options?: EnrichSpanOptions): boolean | Promise<boolean> {
  const eventId = eventIdOf(fields);
  if (eventId !== undefined) return enrichEventThrough(eventId, fields, options?.tracer);
  let tracer: TracerLike | undefined;
  try {
    const span = options?.span ?? otelTrace.getSpan(context.active());
    if (span === undefined || !span.isRecording()) return false;
    tracer = resolveTracerLike(options?.tracer);
    setEnrichment(span, fields ?? {}, tracer);
    return true;
  } catch (failure) {
    reportFailure(resolveCaptureSettings(undefined, tracer).logger, 'enrichSpan', failure);
    return false;
  }
}
