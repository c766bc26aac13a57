import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * An exporter that sends nothing and answers every export FAILED with one error, so the spans are
 * counted as failed rather than lost silently: the stand-in when the real exporter could not be built,
 * or when a tracer must not send at all (no API key, an endpoint that could not be used).
 */
export class FailingExporter implements SpanExporter {
  /** @param error the error every export fails with (say why nothing is exported). */
  constructor(private readonly error: Error) {}

  /** Fails at once; sends nothing. */
  export(_spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    resultCallback({ code: ExportResultCode.FAILED, error: this.error });
  }

  /** Nothing to release. */
  async shutdown(): Promise<void> {}

  /** Nothing buffered. */
  async forceFlush(): Promise<void> {}
}
