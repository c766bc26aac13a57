import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Wraps a real exporter and counts the spans it acknowledged, so the throughput producer can keep a
 * bounded number of spans in flight (the same window on both sides). It adds one callback per batch.
 */
export class AckingExporter implements SpanExporter {
  /** Spans the inner exporter acknowledged. */
  acknowledged = 0;
  /** Spans whose export failed. */
  failed = 0;

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.inner.export(spans, (result) => {
      if (result.code === ExportResultCode.SUCCESS) this.acknowledged += spans.length;
      else this.failed += spans.length;
      resultCallback(result);
    });
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }
}
