import { recordEnrichmentToSink } from '@honeyhive/utils';
import type { SpanEventType } from '@honeyhive/utils';
import { context, trace as otelTrace } from '@opentelemetry/api';
import type { Attributes, Span } from '@opentelemetry/api';
import { resolveCaptureSettings } from './capture-settings';
import { reportFailure } from './report-failure';
import type { TracerLike } from './tracer-resolution';
import { resolveTracerLike } from './tracer-resolution';

/** What `enrichSpan` adds to a span. Every field is optional; `null`/`undefined` fields add nothing. */
export interface EnrichSpanFields {
  /** Flattened under `honeyhive_inputs` (a single value under `honeyhive_inputs.value`); masked at every depth. */
  inputs?: unknown;
  /** Flattened under `honeyhive_outputs` (a single value under `honeyhive_outputs.value`); masked at every depth. */
  outputs?: unknown;
  /** Flattened under `honeyhive_config`. */
  config?: Record<string, unknown>;
  /** Flattened under `honeyhive_metadata`. */
  metadata?: Record<string, unknown>;
  /** Flattened under `honeyhive_metrics`. */
  metrics?: Record<string, unknown>;
  /** Flattened under `honeyhive_feedback`. */
  feedback?: Record<string, unknown>;
  /** Flattened under `honeyhive_user_properties`. */
  userProperties?: Record<string, unknown>;
  /** Sets `honeyhive_error` (its message) and, for an Error, `honeyhive_error_type`. Does not change the span status. */
  error?: unknown;
  /** Sets `honeyhive_event_name` (the span's own name is left alone). */
  eventName?: string;
  /** Sets `honeyhive_event_type` when it is `model`, `tool` or `chain`. */
  eventType?: SpanEventType;
  /** Extra attributes; object values are flattened under their key. */
  attributes?: Attributes | Record<string, unknown>;
}

/** Which span `enrichSpan` changes, and whose capture settings (mask, limits) apply. */
export interface EnrichSpanOptions {
  /** The span to enrich. Default: the active span. */
  span?: Span;
  /** Whose `captureOptions` apply. Default: the registered default tracer, if any. */
  tracer?: TracerLike;
}

/** Sets the attributes of `fields` on `span` one by one (no intermediate object), with `tracer`'s capture settings. */
function setEnrichment(span: Span, fields: EnrichSpanFields, tracer: TracerLike | undefined): void {
  const settings = resolveCaptureSettings(undefined, tracer);
  const options = { maxAttributes: settings.maxAttributes, mask: settings.mask, redaction: settings.redaction };
  recordEnrichmentToSink((key, value) => span.setAttribute(key, value), fields, options);
}

/**
 * Adds HoneyHive fields to a span: `options.span`, else the active span (e.g. inside a `trace()`d
 * function). Returns true when it enriched a recording span; false, without throwing, when there is
 * no span, the span is not recording (ended or sampled out) or anything fails.
 */
export function enrichSpan(fields: EnrichSpanFields, options?: EnrichSpanOptions): boolean {
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
