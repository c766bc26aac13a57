import type { Attributes } from '@opentelemetry/api';
import { ATTR, detectEventType, inferEventType, isSpanEventType } from '@honeyhive/utils';

/**
 * Every attribute key the inference of `detectEventType` / `inferEventType` reads besides `honeyhive_event_type`
 * (rules 2–5 of docs/wire-contract.md): a span that carries none of them is a `tool` (rule 6).
 */
export const EVENT_TYPE_HINT_KEYS: readonly string[] = Object.freeze([
  'gen_ai.operation.name',
  'openinference.span.kind',
  'traceloop.span.kind',
  'gen_ai.request.model',
  'gen_ai.response.model',
  'llm.model_name',
  'llm.request.model',
]);

/**
 * True when `attributes` carries none of {@link EVENT_TYPE_HINT_KEYS}, so the inferred type is `tool`. Most spans
 * carry none; each key is read at its own site (constant keys), which V8 answers from the few shapes span
 * attribute maps have, where the shared lookup of the full inference is much slower. False when unsure.
 */
function carriesNoTypeHint(attributes: Attributes): boolean {
  try {
    return (
      attributes['gen_ai.operation.name'] === undefined &&
      attributes['openinference.span.kind'] === undefined &&
      attributes['traceloop.span.kind'] === undefined &&
      attributes['gen_ai.request.model'] === undefined &&
      attributes['gen_ai.response.model'] === undefined &&
      attributes['llm.model_name'] === undefined &&
      attributes['llm.request.model'] === undefined
    );
  } catch {
    return false;
  }
}

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
    // the attribute itself is absent (checked above): the inference alone decides
    const type = carriesNoTypeHint(attributes) ? 'tool' : detectEventType(attributes);
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
    const type = carriesNoTypeHint(attributes) ? 'tool' : inferEventType(attributes);
    return type !== current ? type : undefined;
  }
}
