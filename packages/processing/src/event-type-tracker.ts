import type { Attributes } from '@opentelemetry/api';
import { ATTR, detectEventType, isSpanEventType } from '@honeyhive/utils';

interface TypeState {
  /** The caller chose the type (start attribute or stamp); detection never changes it. */
  explicit: boolean;
  /** The type this processor stamped at start. */
  stamped?: string;
  /** The end-time decision has been applied (in `onEnding`). */
  settled?: boolean;
}

function withoutEventType(attributes: Attributes): Attributes {
  const { [ATTR.EVENT_TYPE]: _ignored, ...rest } = attributes;
  return rest;
}

/**
 * Decides `honeyhive_event_type`: once at start (from the start attributes) and again at end, with
 * every attribute the instrumentors added meanwhile (`gen_ai.*`, `llm.*` often arrive after start).
 * An explicit type, or one a caller set on the span after start, is never replaced.
 */
export class EventTypeTracker {
  private readonly states = new WeakMap<object, TypeState>();

  /**
   * The type to stamp at start, or `undefined` when the caller already set the attribute.
   * @param span the span being started (its start attributes are read).
   * @param explicit an explicit type from the resolved stamp.
   */
  atStart(span: object, attributes: Attributes, explicit: string | undefined): string | undefined {
    if (attributes[ATTR.EVENT_TYPE] !== undefined) {
      this.states.set(span, { explicit: true });
      return undefined;
    }
    const normalized = typeof explicit === 'string' ? explicit.trim().toLowerCase() : undefined;
    const isExplicit = isSpanEventType(normalized);
    const type = detectEventType(attributes, isExplicit ? normalized : undefined);
    this.states.set(span, { explicit: isExplicit, stamped: type });
    return type;
  }

  /**
   * The end-time type when it differs from what the span carries now, else `undefined`.
   * `settle` marks the decision applied so a later call (from `onEnd`) does not redo it.
   */
  atEnd(span: object, attributes: Attributes, settle: boolean): string | undefined {
    const state = this.states.get(span);
    if (!state || state.explicit || state.settled) return undefined;
    if (settle) state.settled = true;
    const current = attributes[ATTR.EVENT_TYPE];
    if (current !== state.stamped) return undefined; // someone set it after start: theirs wins
    const type = detectEventType(withoutEventType(attributes));
    return type !== current ? type : undefined;
  }
}
