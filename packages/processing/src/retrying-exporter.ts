import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { exportBefore } from './deadline-export';
import { backoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from '@honeyhive/utils';
import { classifyExportError, type RetryDecision } from './retry-policy';

/** Options of {@link RetryingExporter}. */
export interface RetryingExporterOptions extends Partial<BackoffOptions> {
  /**
   * Overall time for one `export()` including every retry (ms). No retry starts when its delay
   * would end past this budget; the export then reports the last failure.
   */
  budgetMs: number;
  /** Attempts at most, the first included (default 6). */
  maxAttempts?: number;
  /** Which failures are transient (default {@link classifyExportError}). */
  classify?: (error: unknown) => RetryDecision;
  /** Called before each retry, for diagnostics. */
  onRetry?: (info: { attempt: number; delayMs: number; error: unknown }) => void;
  /** Random source for jitter (tests). */
  random?: () => number;
}

interface PendingRetry {
  timer: ReturnType<typeof setTimeout>;
  fail: () => void;
}

/**
 * Wraps a SpanExporter with retries: exponential backoff with jitter on transient failures,
 * honouring the delay a server asks for (`Retry-After`; for gRPC RetryInfo, `grpc-retry-pushback-ms`
 * or `retry-after`), all within one overall budget, then FAILED. Permanent failures (including a
 * request too large) are not retried.
 *
 * Used for the HTTP and gRPC exporters, which do not retry by themselves; available for any other
 * exporter a user brings. Its waits between attempts are unref'd timers: a retry never keeps the process
 * alive (a caller that must wait for delivery, such as `flush()`, holds the process itself).
 */
export class RetryingExporter implements SpanExporter {
  private readonly pending = new Set<PendingRetry>();
  private readonly backoff: BackoffOptions;
  private isShutdown = false;

  /**
   * @param inner the exporter doing the actual sending.
   * @param options budget, backoff and classification.
   */
  constructor(
    private readonly inner: SpanExporter,
    private readonly options: RetryingExporterOptions,
  ) {
    this.backoff = {
      initialBackoffMs: options.initialBackoffMs ?? DEFAULT_BACKOFF.initialBackoffMs,
      maxBackoffMs: options.maxBackoffMs ?? DEFAULT_BACKOFF.maxBackoffMs,
      multiplier: options.multiplier ?? DEFAULT_BACKOFF.multiplier,
      jitter: options.jitter ?? DEFAULT_BACKOFF.jitter,
    };
  }

  /** Exports, retrying transient failures within the budget; calls back exactly once. */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    const deadline = Date.now() + this.options.budgetMs;
    const maxAttempts = this.options.maxAttempts ?? 6;
    const classify = this.options.classify ?? classifyExportError;
    let attempt = 0;
    let done = false;
    const finish = (result: ExportResult): void => {
      if (done) return;
      done = true;
      resultCallback(result);
    };
    const tryOnce = (): void => {
      attempt++;
      const onResult = (result: ExportResult): void => {
        if (result.code === ExportResultCode.SUCCESS || this.isShutdown || attempt >= maxAttempts) return finish(result);
        const decision = classify(result.error);
        if (!decision.retryable) return finish(result);
        const delayMs = decision.retryAfterMs ?? backoffDelay(attempt, this.backoff, this.options.random);
        if (Date.now() + delayMs >= deadline) return finish(result);
        this.options.onRetry?.({ attempt, delayMs, error: result.error });
        const entry: PendingRetry = {
          timer: setTimeout(() => {
            this.pending.delete(entry);
            tryOnce();
          }, delayMs),
          fail: () => finish(result),
        };
        entry.timer.unref?.();
        this.pending.add(entry);
      };
      try {
        // an inner exporter that takes a deadline stops at the budget's end, not a full timeout after this attempt began
        exportBefore(this.inner, spans, deadline, onResult);
      } catch (error) {
        onResult({ code: ExportResultCode.FAILED, error: error as Error });
      }
    };
    tryOnce();
  }

  /** Cancels waiting retries (they report FAILED) and shuts the inner exporter down. */
  async shutdown(): Promise<void> {
    this.isShutdown = true;
    for (const entry of this.pending) {
      clearTimeout(entry.timer);
      entry.fail();
    }
    this.pending.clear();
    await this.inner.shutdown();
  }

  /** Delegates to the inner exporter. */
  async forceFlush(): Promise<void> {
    await this.inner.forceFlush?.();
  }
}
