import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { CountingExportProcessor, ExportCounts, ExportEvents } from './counting-export-processor';
import { ExportLedger } from './export-ledger';
import { FlushWaiters } from './flush-waiters';
import { DEFAULT_MAX_EXPORT_BATCH_BYTES } from './span-size';
import { takeBatch } from './take-batch';

/**
 * Export requests immediate mode keeps in flight at most by default. The OTLP exporters refuse
 * every request beyond their own `concurrencyLimit` (30 by default) with "Concurrent export limit
 * reached"; staying well below it leaves room for a request the processor stopped waiting for
 * (timed out) that the exporter still counts, and for retries.
 */
export const IMMEDIATE_MAX_IN_FLIGHT = 8;

/** Options of {@link SimpleExportProcessor}. */
export interface SimpleExportOptions {
  /** Export requests in flight at most; spans ending beyond that wait in the queue. */
  maxInFlight: number;
  /** Spans waiting for a free request at most; a span ending beyond that is dropped and counted `queue_full`. */
  maxQueueSize: number;
  /** Waiting spans sent together in one request at most. */
  maxExportBatchSize: number;
  /** Estimated encoded bytes of a request of waiting spans at most (default 3 MiB); a span alone is always sent. */
  maxExportBatchBytes?: number;
  /** How long to wait for one export call before counting it failed (ms). */
  exportTimeoutMillis: number;
}

/**
 * Exports each span as soon as it ends (the `disableBatch` mode) with at most `maxInFlight`
 * requests at a time. A span that ends while every request is taken waits in a bounded queue; when
 * a request finishes, the waiting spans leave together in the next one (up to `maxExportBatchSize`),
 * so a burst costs a few requests instead of failing on the exporter's concurrency limit. Every span
 * is counted; `forceFlush()` waits for the queued spans and the exports in flight. A request the
 * backend refuses as too large is split until only the offending span is dropped, counted `tooLarge`.
 */
export class SimpleExportProcessor implements CountingExportProcessor {
  private readonly queue: ReadableSpan[] = [];
  private readonly waiters = new FlushWaiters();
  private readonly ledger: ExportLedger;
  /** Spans in flight. */
  private inFlight = 0;
  /**
   * Spans accepted (sent or queued) since creation; a span's sequence number is the count before it.
   * The queue holds the newest accepted spans, and each request a run of consecutive sequence numbers.
   */
  private accepted = 0;
  /** The first sequence number of each request in flight (requests may finish in any order). */
  private readonly requestStarts = new Set<number>();
  private readonly maxInFlight: number;

  /**
   * @param exporter receives the spans, one request per span unless spans had to wait.
   * @param options in-flight and queue limits, and the export timeout.
   * @param events optional hooks for diagnostics.
   */
  constructor(
    exporter: SpanExporter,
    private readonly options: SimpleExportOptions,
    events: ExportEvents = {},
  ) {
    this.ledger = new ExportLedger(exporter, options.exportTimeoutMillis, events);
    this.maxInFlight = Math.max(1, Math.floor(options.maxInFlight) || 1);
  }

  /** @inheritDoc */
  onEnd(span: ReadableSpan): void {
    if (this.ledger.refusedAfterShutdown()) return;
    if (this.queue.length === 0 && this.requestStarts.size < this.maxInFlight) {
      this.send([span], this.accepted++);
      return;
    }
    if (this.queue.length >= this.options.maxQueueSize) {
      this.ledger.refuseQueueFull();
      return;
    }
    this.accepted++;
    this.queue.push(span);
    this.pump();
  }

  /** @inheritDoc */
  forceFlush(): Promise<void> {
    const target = this.accepted;
    if (this.pendingFloor() >= target) return Promise.resolve();
    return this.waiters.wait(target);
  }

  /** @inheritDoc */
  shutdown(): Promise<void> {
    return this.ledger.shutdown(() => this.forceFlush());
  }

  /** @inheritDoc */
  counts(): ExportCounts {
    return this.ledger.counts(this.queue.length, this.inFlight);
  }

  /** Sends waiting spans while requests are free. */
  private pump(): void {
    while (this.queue.length > 0 && this.requestStarts.size < this.maxInFlight) {
      const start = this.accepted - this.queue.length;
      const maxBytes = this.options.maxExportBatchBytes ?? DEFAULT_MAX_EXPORT_BATCH_BYTES;
      this.send(takeBatch(this.queue, this.options.maxExportBatchSize, maxBytes), start);
    }
  }

  /** The lowest sequence number not yet exported or failed (`accepted` when nothing is pending). */
  private pendingFloor(): number {
    let floor = this.accepted - this.queue.length;
    for (const start of this.requestStarts) if (start < floor) floor = start;
    return floor;
  }

  private send(spans: ReadableSpan[], start: number): void {
    const size = spans.length;
    this.requestStarts.add(start);
    this.inFlight += size;
    this.ledger.send(spans, () => {
      this.requestStarts.delete(start);
      this.inFlight -= size;
      if (!this.waiters.empty) this.waiters.settle(this.pendingFloor());
      this.pump();
    });
  }
}
