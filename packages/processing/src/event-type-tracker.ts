import type { Attributes } from '@opentelemetry/api';
import { ATTR, detectEventType, inferEventType, isSpanEventType } from '@honeyhive/utils';

/**
 * Decides `honeyhive_event_type`: once at start (from the start attributes) and again at end, with
 * every attribute the instrumentors added meanwhile (`gen_ai.*`, `llm.*` often arrive after start).
 * An explicit type, or one a caller set on the span after start, is never replaced.
 *
 * Only spans whose type was detected (not explicit) are remembered, with the type stamped at start,
 * until the end-time decision is applied: an explicit span needs no end-time decision at all.
 */
export class EventTypeTracker {
  private readonly detected = new WeakMap<object, string>();

  /**
   * The type to stamp at start, or `undefined` when the caller already set the attribute.
   * @param span the span being started (its start attributes are read).
   * @param explicit an explicit type from the resolved stamp.
   */
  atStart(span: object, attributes: Attributes, explicit: string | undefined): string | undefined {
    if (attributes[ATTR.EVENT_TYPE] !== undefined) return undefined;
    const normalized = typeof explicit === 'string' ? explicit.trim().toLowerCase() : undefined;
    if (isSpanEventType(normalized)) return normalized;
    const type = detectEventType(attributes);
    this.detected.set(span, type);
    return type;
  }

  /**
   * The end-time type when it differs from what the span carries now, else `undefined`. The decision
   * is made once: a later call for the same span (`onEnd` after `onEnding`) returns `undefined`.
   */
  atEnd(span: object, attributes: Attributes): string | undefined {
    const stamped = this.detected.get(span);
    if (stamped === undefined) return undefined;
    this.detected.delete(span);
    const current = attributes[ATTR.EVENT_TYPE];
    if (current !== stamped) return undefined; // someone set it after start: theirs wins
    const type = inferEventType(attributes);
    return type !== current ? type : undefined;
  }
}
