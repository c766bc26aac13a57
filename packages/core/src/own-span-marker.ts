import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/**
 * A span processor that only remembers which spans its provider started, so a tracer can tell its own
 * active span from another provider's (for `enrichSpan`). Weakly held: costs nothing once a span is gone.
 */
export class OwnSpanMarker implements SpanProcessor {
  private readonly spans = new WeakSet<object>();

  /** True when `span` was started by the provider this marker belongs to. */
  owns(span: unknown): boolean {
    return span !== null && typeof span === 'object' && this.spans.has(span);
  }

  /** Remembers the span. */
  onStart(span: Span, _parentContext: Context): void {
    this.spans.add(span);
  }

  /** Nothing to do. */
  onEnd(_span: ReadableSpan): void {}

  /** Nothing buffered. */
  async forceFlush(): Promise<void> {}

  /** Nothing to release. */
  async shutdown(): Promise<void> {}
}
