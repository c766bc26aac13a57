import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { CountingExportProcessor, ExportCounts, ExportEvents } from './counting-export-processor';
import { EXPORT_GUARD_GRACE_MS } from './export-call';
import { DEFAULT_MAX_EXPORT_BATCH_BYTES } from './span-size';
import { exportSplittingOversized } from './split-export';
import { takeBatch } from './take-batch';
import type { BatchOptions } from './types';

interface FlushWaiter {
  target: number;
  resolve: () => void;
}

/**
 * A batch span processor that accounts for every span, written instead of OpenTelemetry's
 * BatchSpanProcessor because that one drops spans silently (queue full, export errors) and gives no
 * counts. Spans wait in a bounded FIFO queue; one export runs at a time; a batch leaves when it is
 * full or when `scheduledDelayMillis` has passed since the first waiting span. The timer is unref'd
 * so it never keeps a process alive. A batch also ends at `maxExportBatchBytes` (estimated encoded
 * size); a request the backend still refuses as too large is split until only the offending span is
 * dropped, counted `tooLarge`.
 */
export class BoundedBatchProcessor implements CountingExportProcessor {
  private readonly queue: ReadableSpan[] = [];
  private readonly waiters: FlushWaiter[] = [];
  private exported = 0;
  private failed = 0;
  private queueFull = 0;
  private tooLarge = 0;
  private afterShutdown = 0;
  private inFlight = 0;
  /** Spans taken from the queue into exports, and spans whose export finished, since creation. */
  private taken = 0;
  private completed = 0;
  /** Export without waiting for a full batch or the timer until `taken` reaches this. */
  private flushTarget = 0;
  private exporting = false;
  private timerDue = false;
  /** The last batch was cut by the byte cap: the queue holds a full request's worth, send it now. */
  private byteCapReached = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private isShutdown = false;
  private shutdownPromise: Promise<void> | undefined;

  /**
   * @param exporter receives the batches.
   * @param options queue and batch limits (already validated; see `resolveBatchOptions`).
   * @param events optional hooks for diagnostics.
   */
  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: BatchOptions,
    private readonly events: ExportEvents = {},
  ) {}

  /** @inheritDoc */
  onEnd(span: ReadableSpan): void {
    if (this.isShutdown) {
      this.afterShutdown++;
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      this.queueFull++;
      this.events.onQueueFull?.();
      return;
    }
    this.queue.push(span);
    this.pump();
  }

  /** @inheritDoc */
  forceFlush(): Promise<void> {
    const target = this.taken + this.queue.length;
    if (this.completed >= target) return Promise.resolve();
    this.flushTarget = Math.max(this.flushTarget, target);
    return new Promise<void>((resolve) => {
      this.waiters.push({ target, resolve });
      this.pump();
    });
  }

  /** @inheritDoc */
  shutdown(): Promise<void> {
    if (!this.shutdownPromise) {
      this.isShutdown = true;
      this.shutdownPromise = this.forceFlush().then(async () => {
        this.clearTimer();
        try {
          await this.exporter.shutdown();
        } catch {
          // the exporter's own shutdown failing must not reach the host
        }
      });
    }
    return this.shutdownPromise;
  }

  /** @inheritDoc */
  counts(): ExportCounts {
    return {
      exported: this.exported,
      failed: this.failed,
      queueFull: this.queueFull,
      tooLarge: this.tooLarge,
      afterShutdown: this.afterShutdown,
      queued: this.queue.length,
      inFlight: this.inFlight,
    };
  }

  /** Starts an export when one is due, else arms the timer; called after every state change. */
  private pump(): void {
    if (this.exporting) return;
    if (this.queue.length === 0) {
      this.clearTimer();
      this.timerDue = false;
      return;
    }
    const flushing = this.taken < this.flushTarget;
    if (flushing || this.timerDue || this.byteCapReached || this.queue.length >= this.options.maxExportBatchSize) {
      this.timerDue = false;
      this.clearTimer();
      this.exportNextBatch();
      return;
    }
    if (this.timer === undefined) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.timerDue = true;
        this.pump();
      }, this.options.scheduledDelayMillis);
      this.timer.unref?.();
    }
  }

  /**
   * The next batch: up to `maxExportBatchSize` spans, ending before the span that would take the
   * request past `maxExportBatchBytes` (estimated); always at least one span.
   */
  private nextBatch(): ReadableSpan[] {
    const maxCount = Math.min(this.options.maxExportBatchSize, this.queue.length);
    const batch = takeBatch(this.queue, maxCount, this.options.maxExportBatchBytes ?? DEFAULT_MAX_EXPORT_BATCH_BYTES);
    this.byteCapReached = batch.length < maxCount;
    return batch;
  }

  private exportNextBatch(): void {
    const batch = this.nextBatch();
    const size = batch.length;
    this.taken += size;
    this.inFlight = size;
    this.exporting = true;
    const onLateSuccess = (count: number): void => {
      this.failed -= count;
      this.exported += count;
    };
    const timeoutMs = this.options.exportTimeoutMillis + EXPORT_GUARD_GRACE_MS;
    void exportSplittingOversized(this.exporter, batch, timeoutMs, onLateSuccess).then((outcome) => {
      this.exported += outcome.exported;
      this.failed += outcome.failed;
      this.tooLarge += outcome.tooLarge;
      if (outcome.failed > 0) this.events.onExportFailed?.(outcome.failed, outcome.error, outcome.timedOut);
      if (outcome.tooLarge > 0) this.events.onTooLarge?.(outcome.tooLarge, outcome.tooLargeError);
      this.inFlight = 0;
      this.completed += size;
      this.exporting = false;
      this.settleWaiters();
      this.pump();
    });
  }

  private settleWaiters(): void {
    for (let i = this.waiters.length - 1; i >= 0; i--) {
      const waiter = this.waiters[i]!;
      if (this.completed >= waiter.target) {
        this.waiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
