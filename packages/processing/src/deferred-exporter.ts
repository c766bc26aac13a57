import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { exportBefore, type DeadlineAwareExporter } from './deadline-export';

/**
 * A span exporter built on first use. Building an OTLP exporter (and loading its module, for gRPC the
 * whole of grpc-js) is a large part of a tracer's set-up, and nothing needs it before the first batch
 * is exported, which happens in the background. Shut down before any export, it never builds the
 * exporter; built later anyway, the exporter is shut down at once, as it would have been.
 */
export class DeferredExporter implements DeadlineAwareExporter {
  private built: SpanExporter | undefined;
  private shutDown = false;

  /** @param build makes the real exporter; it must not throw (return a failing exporter instead). */
  constructor(private readonly build: () => SpanExporter) {}

  /** The real exporter, built now if it was not yet. */
  get exporter(): SpanExporter {
    if (this.built === undefined) {
      this.built = this.build();
      if (this.shutDown) void this.built.shutdown().catch(() => undefined);
    }
    return this.built;
  }

  /** Exports through the real exporter (built on the first call). */
  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exporter.export(spans, resultCallback);
  }

  /** Exports through the real exporter with a deadline, when it takes one (built on the first call). */
  exportBefore(spans: ReadableSpan[], deadline: number, resultCallback: (result: ExportResult) => void): void {
    exportBefore(this.exporter, spans, deadline, resultCallback);
  }

  /** Shuts the real exporter down, when it was built. */
  async shutdown(): Promise<void> {
    this.shutDown = true;
    if (this.built !== undefined) await this.built.shutdown();
  }

  /** Flushes the real exporter, when it was built. */
  async forceFlush(): Promise<void> {
    await this.built?.forceFlush?.();
  }
}
