import { ATTR, capturedErrorMessage, capturedException, errorAttributes, recordOutputToSink, setOwnAttribute, whenCollected } from '@honeyhive/utils';
import type { AttributeSink } from '@honeyhive/utils';
import { SpanStatusCode } from '@opentelemetry/api';
import type { Context, Span } from '@opentelemetry/api';
import type { CaptureSettings } from './capture-settings';
import { monotonicNow } from './clock';
import { reportFailure } from './report-failure';

/**
 * The span of one traced call and how it ends: once, with the result (outputs captured) or with the
 * error (status ERROR, exception event, `honeyhive_error`/`_type`), always with `honeyhive_duration_ms`.
 * Every method is safe to call more than once and never throws.
 */
export class CallRecorder {
  private ended = false;
  /** What a stream yielded (made at its first item). */
  private chunks: unknown[] | undefined = undefined;
  private stopWatching: (() => void) | undefined = undefined;
  /** Sets one captured attribute on the span (the inputs and the output go through it). */
  readonly sink: AttributeSink;

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
  ) {
    this.sink = (key, value) => span.setAttribute(key, value);
  }

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
      // read without running the error's code (getters, proxy traps, toString), secret values replaced
      const redaction = this.settings.redaction;
      this.span.setStatus({ code: SpanStatusCode.ERROR, message: capturedErrorMessage(error, redaction) });
      this.span.recordException(capturedException(error, redaction));
      // the error and duration keys are the tracer's own: set on top of the attribute limit, so that
      // captured inputs and outputs filling the span never push them out
      for (const [key, value] of Object.entries(errorAttributes(error, true, redaction))) if (value !== undefined) setOwnAttribute(this.span, key, value);
    } catch (failure) {
      reportFailure(this.settings.logger, 'recording an error', failure);
    }
    this.finish();
  }

  /** Keeps one item a stream yielded, for the output (at most `maxAttributes` items are kept). */
  addChunk(value: unknown): void {
    if (this.ended || !this.settings.captureOutputs) return;
    const chunks = (this.chunks ??= []);
    if (chunks.length < this.settings.maxAttributes) chunks.push(value);
  }

  /**
   * Ends a stream's span as a success. The output is what it yielded: one string when every item was a
   * string (a token stream), else the array of items.
   */
  succeedStream(): void {
    const chunks = this.chunks;
    if (chunks === undefined || chunks.length === 0) {
      // nothing seen (a stream read by someone else, or empty): no output rather than the stream object
      this.succeedWithoutOutput();
      return;
    }
    const allText = chunks.every((chunk) => typeof chunk === 'string');
    this.succeed(allText ? chunks.join('') : chunks);
  }

  /**
   * Ends the span of a result nobody consumed (collected unconsumed, or still open at shutdown): marked
   * `honeyhive_metadata.abandoned = true`, with what a stream had yielded so far as the output.
   */
  abandon(): void {
    if (this.ended) return;
    try {
      setOwnAttribute(this.span, ATTR.ABANDONED, true);
    } catch (failure) {
      reportFailure(this.settings.logger, 'marking an abandoned span', failure);
    }
    this.succeedStream();
  }

  /**
   * Abandons the span if `target` (the returned stream, generator, thenable) is garbage-collected before
   * the span ends; the watch holds no reference to `target`.
   */
  watch(target: object): void {
    if (this.ended) return;
    this.stopWatching?.();
    this.stopWatching = whenCollected(target, () => this.abandon());
  }

  private succeedWithoutOutput(): void {
    if (this.ended) return;
    this.ended = true;
    this.finish();
  }

  private recordOutput(value: unknown): void {
    if (!this.settings.captureOutputs) return;
    try {
      if (!this.span.isRecording()) return;
      recordOutputToSink(this.sink, value, this.settings.mask, this.settings.maxAttributes, this.settings.redaction);
    } catch (failure) {
      reportFailure(this.settings.logger, 'capturing the output', failure);
    }
  }

  private finish(): void {
    this.stopWatching?.();
    this.stopWatching = undefined;
    try {
      setOwnAttribute(this.span, ATTR.DURATION_MS, Math.max(0, monotonicNow() - this.startedAt));
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
