import type { Context } from '@opentelemetry/api';

/**
 * Where a followed stream reports to: the call's recorder, or a share of it (one branch of a `tee()`).
 * `CallRecorder` is one.
 */
export interface StreamSink {
  /** The context the stream's producer runs in (the call's span active). */
  readonly context: Context;
  /** True once nothing more is recorded. */
  readonly isEnded: boolean;
  /** One item the stream yielded. */
  addChunk(value: unknown): void;
  /** The stream finished (read to the end, or stopped by its consumer). */
  succeedStream(): void;
  /** The stream failed with `error`. */
  fail(error: unknown): void;
  /** Ends the span as abandoned (nobody consumed the result). */
  abandon(): void;
  /** Abandons the span when `target` is garbage-collected first. */
  watch(target: object): void;
}
