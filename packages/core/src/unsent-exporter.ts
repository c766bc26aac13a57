import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * The exporter of a degraded tracer (no API key, or an endpoint that could not be used): it sends nothing
 * and answers every export FAILED with `reason`, so the spans are counted as failed rather than lost
 * silently, and no request ever goes out without credentials.
 */
export class UnsentSpanExporter implements SpanExporter {
  private readonly error: Error;

  /** @param reason why nothing is exported, e.g. `no API key (set HH_API_KEY or apiKey)`. */
  constructor(reason: string) {
    this.error = new Error(`spans not exported: ${reason}`);
  }

  /** Fails at once; sends nothing. */
  export(_spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    resultCallback({ code: ExportResultCode.FAILED, error: this.error });
  }

  /** Nothing to release. */
  async shutdown(): Promise<void> {}

  /** Nothing buffered. */
  async forceFlush(): Promise<void> {}
}
