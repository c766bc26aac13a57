import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { CountingExportProcessor, ExportCounts, ExportEvents } from './counting-export-processor';
import { ExportLedger } from './export-ledger';
import { FlushWaiters } from './flush-waiters';
import { DEFAULT_MAX_EXPORT_BATCH_BYTES } from './span-size';
import { takeBatch } from './take-batch';
import type { BatchOptions } from './types';

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
  private readonly waiters = new FlushWaiters();
  private readonly ledger: ExportLedger;
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

  /**
   * @param exporter receives the batches.
   * @param options queue and batch limits (already validated; see `resolveBatchOptions`).
   * @param events optional hooks for diagnostics.
   */
  constructor(
    exporter: SpanExporter,
    private readonly options: BatchOptions,
    events: ExportEvents = {},
  ) {
    this.ledger = new ExportLedger(exporter, options.exportTimeoutMillis, events);
  }

  /** @inheritDoc */
  onEnd(span: ReadableSpan): void {
    if (this.ledger.refusedAfterShutdown()) return;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.ledger.refuseQueueFull();
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
    const flushed = this.waiters.wait(target);
    this.pump();
    return flushed;
  }

  /** @inheritDoc */
  shutdown(): Promise<void> {
    return this.ledger.shutdown(() => this.forceFlush(), () => this.clearTimer());
  }

  /** @inheritDoc */
  counts(): ExportCounts {
    return this.ledger.counts(this.queue.length, this.inFlight);
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
    this.ledger.send(batch, () => {
      this.inFlight = 0;
      this.completed += size;
      this.exporting = false;
      this.waiters.settle(this.completed);
      this.pump();
    });
  }

  private clearTimer(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
  }
}
