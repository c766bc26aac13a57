import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** At most this many open spans are indexed at once; beyond it (spans that never end, a leak) new ones are not. */
const MAX_INDEXED_OPEN_SPANS = 10_000;

/** The key of the index's resident entry: span ids are 16 hex digits, never empty. */
const NOT_A_SPAN_ID = '';

/**
 * The spans of one tracer's provider that have started and not ended yet, by span id: how `enrichEvent` /
 * `enrichSpan({ eventId })` enrich an event that is still a span in this process instead of sending an update the
 * backend could not apply yet (the span is exported only when it ends). One map insertion and one deletion per span.
 */
export class OpenSpanIndex implements SpanProcessor {
  /**
   * Holds one entry that is never a span id ({@link NOT_A_SPAN_ID}, no span): a map that empties after every span
   * (spans started and ended one at a time, the usual case) reallocates its table on each insertion and deletion,
   * which costs several times the lookups themselves.
   */
  private readonly open = new Map<string, Span | undefined>([[NOT_A_SPAN_ID, undefined]]);

  /** The open span with this span id (16 lower-case hex digits), if any. */
  find(spanId: string): Span | undefined {
    return this.open.get(spanId);
  }

  onStart(span: Span, _parentContext: Context): void {
    try {
      // the resident entry is not a span
      if (this.open.size <= MAX_INDEXED_OPEN_SPANS) this.open.set(span.spanContext().spanId, span);
    } catch {
      // an unreadable span is simply not indexed
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      const spanId = span.spanContext().spanId;
      if (spanId === NOT_A_SPAN_ID) this.open.set(NOT_A_SPAN_ID, undefined);
      else this.open.delete(spanId);
    } catch {
      // nothing to remove
    }
  }

  async forceFlush(): Promise<void> {
    // nothing buffered
  }

  async shutdown(): Promise<void> {
    this.open.clear();
    this.open.set(NOT_A_SPAN_ID, undefined);
  }
}
