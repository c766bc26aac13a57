import { ATTR, errorAttributes, errorMessage, recordOutputToSink } from '@honeyhive/utils';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Context, Exception, Span } from '@opentelemetry/api';
import type { CaptureSettings } from './capture-settings';
import { monotonicNow } from './clock';
import { reportFailure } from './report-failure';

function asException(error: unknown): Exception {
  if (error instanceof Error || typeof error === 'string') return error;
  return { name: 'Error', message: errorMessage(error) };
}

/**
 * The span of one traced call and how it ends: once, with the result (outputs captured) or with the
 * error (status ERROR, exception event, `honeyhive_error`/`_type`), always with `honeyhive_duration_ms`.
 * Every method is safe to call more than once and never throws.
 */
export class CallRecorder {
  private ended = false;
  private readonly chunks: unknown[] = [];

  /**
   * @param span the call's span, already started
   * @param context the context in which the user's code runs (the span active)
   * @param settings capture settings of this call
   * @param startedAt `monotonicNow()` when the span started
   */
  constructor(
    readonly span: Span,
    readonly context: Context,
    private readonly settings: CaptureSettings,
    private readonly startedAt: number,
  ) {}

  /** True once the span has ended. */
  get isEnded(): boolean {
    return this.ended;
  }

  /** Ends the span as a success, capturing `value` as the output. */
  succeed(value: unknown): void {
    if (this.ended) return;
    this.ended = true;
    this.recordOutput(value);
    this.finish();
  }

  /** Ends the span as a failure caused by `error` (what was thrown, unchanged). */
  fail(error: unknown): void {
    if (this.ended) return;
    this.ended = true;
    try {
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: errorMessage(error) });
      this.span.recordException(asException(error));
      this.span.setAttributes(errorAttributes(error, true));
    } catch (failure) {
      reportFailure(this.settings.logger, 'recording an error', failure);
    }
    this.finish();
  }

  /** Keeps one item a stream yielded, for the output (at most `maxAttributes` items are kept). */
  addChunk(value: unknown): void {
    if (this.ended || !this.settings.captureOutputs) return;
    if (this.chunks.length < this.settings.maxAttributes) this.chunks.push(value);
  }

  /**
   * Ends a stream's span as a success. The output is what it yielded: one string when every item was a
   * string (a token stream), else the array of items.
   */
  succeedStream(): void {
    const chunks = this.chunks;
    const allText = chunks.length > 0 && chunks.every((chunk) => typeof chunk === 'string');
    this.succeed(allText ? chunks.join('') : chunks);
  }

  private recordOutput(value: unknown): void {
    if (!this.settings.captureOutputs) return;
    try {
      if (!this.span.isRecording()) return;
      const span = this.span;
      recordOutputToSink((key, attribute) => span.setAttribute(key, attribute), value, this.settings.mask, this.settings.maxAttributes);
    } catch (failure) {
      reportFailure(this.settings.logger, 'capturing the output', failure);
    }
  }

  private finish(): void {
    try {
      this.span.setAttribute(ATTR.DURATION_MS, Math.max(0, monotonicNow() - this.startedAt));
    } catch (failure) {
      reportFailure(this.settings.logger, 'recording the duration', failure);
    }
    try {
      this.span.end();
    } catch (failure) {
      reportFailure(this.settings.logger, 'ending the span', failure);
    }
  }
}
