import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import type { CountingExportProcessor, ExportCounts, ExportEvents } from './counting-export-processor';
import { EXPORT_GUARD_GRACE_MS, exportSpans } from './export-call';

/** Options of {@link SimpleExportProcessor}. */
export interface SimpleExportOptions {
  /** Exports in flight at most; a span ending beyond that is dropped and counted `queue_full`. */
  maxInFlight: number;
  /** How long to wait for one export call before counting it failed (ms). */
  exportTimeoutMillis: number;
}

/**
 * Exports each span as soon as it ends (the `disableBatch` mode), still counting every span and
 * letting `forceFlush()` wait for the exports in flight.
 */
export class SimpleExportProcessor implements CountingExportProcessor {
  private readonly pending = new Set<Promise<void>>();
  private exported = 0;
  private failed = 0;
  private queueFull = 0;
  private afterShutdown = 0;
  private inFlight = 0;
  private isShutdown = false;
  private shutdownPromise: Promise<void> | undefined;

  /**
   * @param exporter receives one span per call.
   * @param options in-flight limit and export timeout.
   * @param events optional hooks for diagnostics.
   */
  constructor(
    private readonly exporter: SpanExporter,
    private readonly options: SimpleExportOptions,
    private readonly events: ExportEvents = {},
  ) {}

  /** @inheritDoc */
  onEnd(span: ReadableSpan): void {
    if (this.isShutdown) {
      this.afterShutdown++;
      return;
    }
    if (this.inFlight >= this.options.maxInFlight) {
      this.queueFull++;
      this.events.onQueueFull?.();
      return;
    }
    this.inFlight++;
    const onLateSuccess = (): void => {
      this.failed--;
      this.exported++;
    };
    const done = exportSpans(this.exporter, [span], this.options.exportTimeoutMillis + EXPORT_GUARD_GRACE_MS, onLateSuccess).then((outcome) => {
      this.inFlight--;
      if (outcome.ok) this.exported++;
      else {
        this.failed++;
        this.events.onExportFailed?.(1, outcome.error, outcome.timedOut);
      }
      this.pending.delete(done);
    });
    this.pending.add(done);
  }

  /** @inheritDoc */
  async forceFlush(): Promise<void> {
    await Promise.all([...this.pending]);
  }

  /** @inheritDoc */
  shutdown(): Promise<void> {
    if (!this.shutdownPromise) {
      this.isShutdown = true;
      this.shutdownPromise = this.forceFlush().then(async () => {
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
      afterShutdown: this.afterShutdown,
      queued: 0,
      inFlight: this.inFlight,
    };
  }
}
