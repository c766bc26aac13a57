import type { AttributeValue } from '@opentelemetry/api';

/** What {@link setOwnAttribute} needs of a span: OpenTelemetry's API span, plus the SDK span's attribute map when present. */
export interface OwnAttributeTarget {
  setAttribute(key: string, value: AttributeValue): unknown;
  isRecording?(): boolean;
  /** The SDK span's own attribute map (`ReadableSpan.attributes`); absent on other spans. */
  readonly attributes?: unknown;
}

/**
 * Sets one of the tracer's own keys on a span (session, project, source, their twins, evaluation ids,
 * `baggage.<key>`, event type, duration, error) on top of the span's attribute-count limit.
 *
 * A span may carry more attributes than the provider's limit (an instrumentation or a caller passing
 * them to `startSpan`, or captured values filling it); `setAttribute` would then drop our key, and a
 * span without its session id is never exported. So the key goes straight into the SDK span's
 * attribute map, which `setAttribute` neither counts nor limits: the caller's attributes are still cut
 * at the limit (and counted in the span's `droppedAttributesCount`), ours are never the ones cut.
 * A span that is not recording (ended, sampled out) is left alone; a span without a writable
 * attribute map (not the SDK's) gets the key through `setAttribute`. May throw what `setAttribute` throws.
 */
export function setOwnAttribute(span: OwnAttributeTarget, key: string, value: AttributeValue): void {
  const attributes = span.attributes;
  if (attributes !== null && typeof attributes === 'object' && (typeof span.isRecording !== 'function' || span.isRecording())) {
    const map = attributes as Record<string, AttributeValue | undefined>;
    try {
      map[key] = value;
      if (map[key] === value) return;
    } catch {
      // a frozen or read-only attribute map: go through the span's API instead
    }
  }
  span.setAttribute(key, value);
}
