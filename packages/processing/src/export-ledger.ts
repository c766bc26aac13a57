import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { ExportCounts, ExportEvents } from './counting-export-processor';
import { EXPORT_GUARD_GRACE_MS } from './export-call';
import { exportSplittingOversized, type SplitExportOutcome } from './split-export';

/**
 * The accounting and shutdown shared by the export stages ({@link BoundedBatchProcessor},
 * {@link SimpleExportProcessor}): counts what became of every span handed over, sends requests and
 * tallies their outcome, and shuts the exporter down once after a last flush. The stages own only their
 * queueing policy.
 */
export class ExportLedger {
  private exported = 0;
  private failed = 0;
  private queueFull = 0;
  private tooLarge = 0;
  private afterShutdown = 0;
  private shutdownPromise: Promise<void> | undefined;
  /** Set by {@link shutdown}: spans handed over from then on are refused. */
  isShutdown = false;

  /**
   * @param exporter receives the requests.
   * @param exportTimeoutMillis how long one export call may take before its spans count as failed.
   * @param events diagnostics hooks.
   */
  constructor(
    private readonly exporter: SpanExporter,
    private readonly exportTimeoutMillis: number,
    private readonly events: ExportEvents,
  ) {}

  /** Counts a span refused because the stage is shut down; true when it was. */
  refusedAfterShutdown(): boolean {
    if (!this.isShutdown) return false;
    this.afterShutdown++;
    return true;
  }

  /** Counts a span refused because the queue is full. */
  refuseQueueFull(): void {
    this.queueFull++;
    this.events.onQueueFull?.();
  }

  /**
   * Exports `spans` (splitting a request refused as too large), tallies the outcome and calls `settled` in
   * the same turn, so the counts never show a span both in flight and settled. Never throws.
   */
  send(spans: ReadableSpan[], settled: () => void): void {
    const onLateSuccess = (count: number): void => {
      this.failed -= count;
      this.exported += count;
    };
    const timeoutMs = this.exportTimeoutMillis + EXPORT_GUARD_GRACE_MS;
    const tally = (outcome: SplitExportOutcome): void => {
      this.exported += outcome.exported;
      this.failed += outcome.failed;
      this.tooLarge += outcome.tooLarge;
      try {
        if (outcome.failed > 0) this.events.onExportFailed?.(outcome.failed, outcome.error, outcome.timedOut);
        if (outcome.tooLarge > 0) this.events.onTooLarge?.(outcome.tooLarge, outcome.tooLargeError);
      } catch {
        // diagnostics must not break the accounting
      }
      settled();
    };
    // exportSplittingOversized never rejects by contract; should that ever break, the spans must still settle
    // (counted failed), or they would stay in flight and every later flush would wait forever
    let pending: Promise<SplitExportOutcome>;
    try {
      pending = exportSplittingOversized(this.exporter, spans, timeoutMs, onLateSuccess);
    } catch (error) {
      pending = Promise.reject(error);
    }
    pending
      .then(tally, (error: unknown) => tally({ exported: 0, failed: spans.length, tooLarge: 0, timedOut: false, error }))
      .catch(() => {
        // never an unhandled rejection in the host
      });
  }

  /** Refuses further spans, waits for `flush`, runs `cleanup`, then shuts the exporter down. Idempotent. */
  shutdown(flush: () => Promise<void>, cleanup?: () => void): Promise<void> {
    if (!this.shutdownPromise) {
      this.isShutdown = true;
      this.shutdownPromise = flush().then(async () => {
        cleanup?.();
        try {
          await this.exporter.shutdown();
        } catch {
          // the exporter's own shutdown failing must not reach the host
        }
      });
    }
    return this.shutdownPromise;
  }

  /** The counters, with the stage's own queue and in-flight figures. */
  counts(queued: number, inFlight: number): ExportCounts {
    const { exported, failed, queueFull, tooLarge, afterShutdown } = this;
    return { exported, failed, queueFull, tooLarge, afterShutdown, queued, inFlight };
  }
}
