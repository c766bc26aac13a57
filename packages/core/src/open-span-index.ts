import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** At most this many open spans are indexed at once; beyond it (spans that never end, a leak) new ones are not. */
const MAX_INDEXED_OPEN_SPANS = 10_000;

/**
 * The spans of one tracer's provider that have started and not ended yet, by span id: how `enrichEvent` /
 * `enrichSpan({ eventId })` enrich an event that is still a span in this process instead of sending an update the
 * backend could not apply yet (the span is exported only when it ends). One map insertion and one deletion per span.
 */
export class OpenSpanIndex implements SpanProcessor {
  private readonly open = new Map<string, Span>();

  /** The open span with this span id (16 lower-case hex digits), if any. */
  find(spanId: string): Span | undefined {
    return this.open.get(spanId);
  }

  onStart(span: Span, _parentContext: Context): void {
    try {
      if (this.open.size < MAX_INDEXED_OPEN_SPANS) this.open.set(span.spanContext().spanId, span);
    } catch {
      // an unreadable span is simply not indexed
    }
  }

  onEnd(span: ReadableSpan): void {
    try {
      this.open.delete(span.spanContext().spanId);
    } catch {
      // nothing to remove
    }
  }

  async forceFlush(): Promise<void> {
    // nothing buffered
  }

  async shutdown(): Promise<void> {
    this.open.clear();
  }
}
