import type { Attributes, Span } from '@opentelemetry/api';
import { ATTR, ATTR_PREFIX, flattenAttributes, toAttributeValue, type FlattenOptions } from '@honeyhive/utils';

/**
 * What can be added to a span: each group is flattened under its WIRE.md prefix (`honeyhive_inputs.*`,
 * `honeyhive_outputs.*`, …). A group that is not an object is recorded as `<prefix>.value`.
 */
export interface EnrichmentFields {
  inputs?: unknown;
  outputs?: unknown;
  config?: unknown;
  metadata?: unknown;
  metrics?: unknown;
  feedback?: unknown;
  userProperties?: unknown;
  /** `honeyhive_event_name`. */
  eventName?: string;
  /** `honeyhive_event_type` (`model` | `tool` | `chain`); an explicit type wins over detection. */
  eventType?: string;
  /** `honeyhive_error`: an error message (or an Error, whose message is used). */
  error?: unknown;
  /** Plain attributes set as given (after the groups, so they win on a clash). */
  attributes?: Attributes;
}

/** Limits of {@link enrichmentAttributes}: per group, as in `flattenAttributes`. */
export type EnrichmentLimits = FlattenOptions;

const GROUPS: ReadonlyArray<[keyof EnrichmentFields, string]> = [
  ['inputs', ATTR_PREFIX.INPUTS],
  ['outputs', ATTR_PREFIX.OUTPUTS],
  ['config', ATTR_PREFIX.CONFIG],
  ['metadata', ATTR_PREFIX.METADATA],
  ['metrics', ATTR_PREFIX.METRICS],
  ['feedback', ATTR_PREFIX.FEEDBACK],
  ['userProperties', ATTR_PREFIX.USER_PROPERTIES],
];

function isContainer(value: unknown): boolean {
  return value !== null && typeof value === 'object' && !(value instanceof Date) && !(value instanceof RegExp) && !(value instanceof URL);
}

/**
 * The span attributes for `fields`: groups flattened under their prefixes (nested objects as dotted keys,
 * arrays as `.<index>`, `null` skipped), `eventName`/`eventType`/`error` as single keys, then `attributes`.
 * Never throws and never changes `fields`.
 */
export function enrichmentAttributes(fields: EnrichmentFields | undefined, limits?: EnrichmentLimits): Attributes {
  const out: Attributes = {};
  if (fields === null || typeof fields !== 'object') return out;
  try {
    for (const [field, prefix] of GROUPS) {
      const value = fields[field];
      if (value === undefined || value === null) continue;
      const flattened = isContainer(value)
        ? flattenAttributes(value, prefix, limits)
        : flattenAttributes({ value }, prefix, limits);
      Object.assign(out, flattened.attributes);
    }
    if (typeof fields.eventName === 'string' && fields.eventName !== '') out[ATTR.EVENT_NAME] = fields.eventName;
    if (typeof fields.eventType === 'string' && fields.eventType !== '') out[ATTR.EVENT_TYPE] = fields.eventType;
    if (fields.error !== undefined && fields.error !== null) {
      const message = fields.error instanceof Error ? fields.error.message : toAttributeValue(fields.error);
      if (message !== undefined) out[ATTR.ERROR] = typeof message === 'string' ? message : String(message);
      if (fields.error instanceof Error) out[ATTR.ERROR_TYPE] = fields.error.constructor?.name || fields.error.name;
    }
    if (fields.attributes !== null && typeof fields.attributes === 'object') {
      for (const [key, value] of Object.entries(fields.attributes)) if (value !== undefined && value !== null) out[key] = value;
    }
  } catch {
    // return what was gathered
  }
  return out;
}

/**
 * Sets {@link enrichmentAttributes} of `fields` on `span`. Returns false (and does nothing) when there is no
 * span or it no longer records (ended, or not sampled). Never throws.
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
