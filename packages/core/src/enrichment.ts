import type { Span } from '@opentelemetry/api';
import { enrichmentAttributes, type EnrichmentFields, type EnrichmentOptions } from '@honeyhive/utils';

export { enrichmentAttributes };
export type { EnrichmentFields };

/** Limits and masking of enrichment: `maxAttributes` per group, and the tracer's PII `mask`. */
export type EnrichmentLimits = EnrichmentOptions;

/**
 * Sets the enrichment attributes of `fields` (see `enrichmentAttributes` in `@honeyhive/utils`) on `span`.
 * Returns false (and does nothing) when there is no span or it no longer records (ended, or not sampled).
 * Never throws.
 */
export function applyEnrichment(span: Span | undefined, fields: EnrichmentFields, limits?: EnrichmentLimits): boolean {
  try {
    if (span === undefined || span === null || typeof span.isRecording !== 'function' || !span.isRecording()) return false;
    span.setAttributes(enrichmentAttributes(fields, limits));
    return true;
  } catch {
    return false;
  }
}
