import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';

/** What the gate reads: a {@link TracerLifecycle} fits. */
export interface SpanGate {
  /** False once the tracer is shutting down: spans are ignored from then on. */
  readonly isAcceptingSpans: boolean;
  /** Told about every span that ends while accepted (exit hooks use it to know there is work to flush). */
  noteActivity?(): void;
}

/**
 * Wraps a span processor so that, once its lifecycle stops accepting spans (shutdown has begun), spans are
 * no longer passed on: `onStart`/`onEnd` do nothing for that tracer, while other providers are untouched.
 * Ignored spans are counted in {@link droppedAfterShutdown}. An inner processor that throws is contained.
 *
 * Typical wiring uses the inner processor as the lifecycle's target:
 * `const lifecycle = new TracerLifecycle(inner); new NodeTracerProvider({ spanProcessors: [new LifecycleGatedSpanProcessor(inner, lifecycle)] })`.
 */
export class LifecycleGatedSpanProcessor implements SpanProcessor {
  private dropped = 0;
  private readonly ignoredAtStart = new WeakSet<object>();

  /**
   * @param inner the processor that does the work while spans are accepted.
   * @param gate usually the tracer's {@link TracerLifecycle}.
   */
  constructor(
    private readonly inner: SpanProcessor,
    private readonly gate: SpanGate,
  ) {}

  /** Spans ignored because they started or ended after shutdown began (each counted once). */
  get droppedAfterShutdown(): number {
    return this.dropped;
  }

  /** Passes the span on while accepting; otherwise ignores and counts it. */
  onStart(span: Span, parentContext: Context): void {
    if (!this.accepting()) {
      this.ignoredAtStart.add(span);
      this.dropped += 1;
      return;
    }
    try {
      this.inner.onStart(span, parentContext);
    } catch {
      // a failing processor must not break the span's creator
    }
  }

  /** Passes `onEnding` on while accepting. */
  onEnding(span: Span): void {
    if (!this.accepting() || typeof this.inner.onEnding !== 'function') return;
    try {
      this.inner.onEnding(span);
    } catch {
      // see onStart
    }
  }

  /** Passes the span on while accepting; otherwise ignores it (counting it unless already counted at start). */
  onEnd(span: ReadableSpan): void {
    if (!this.accepting()) {
      if (!this.ignoredAtStart.has(span)) this.dropped += 1;
      return;
    }
    try {
      this.gate.noteActivity?.();
      this.inner.onEnd(span);
    } catch {
      // see onStart
    }
  }

  /** Flushes the inner processor. */
  forceFlush(): Promise<void> {
    return this.inner.forceFlush();
  }

  /** Shuts the inner processor down. */
  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  private accepting(): boolean {
    try {
      return this.gate.isAcceptingSpans !== false;
    } catch {
      return true;
    }
  }
}
