import type { ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/** An exporter that can be told when an export must be over (a retrying caller's overall budget). */
export interface DeadlineAwareExporter extends SpanExporter {
  /** Exports `spans`, giving up at `deadline` (epoch ms) instead of after its own timeout. */
  exportBefore(spans: ReadableSpan[], deadline: number, resultCallback: (result: ExportResult) => void): void;
}

/** `exporter.exportBefore(...)` when it has one, else a plain `export` (its own timeout applies). */
export function exportBefore(
  exporter: SpanExporter,
  spans: ReadableSpan[],
  deadline: number,
  resultCallback: (result: ExportResult) => void,
): void {
  const aware = exporter as Partial<DeadlineAwareExporter>;
  if (typeof aware.exportBefore === 'function') aware.exportBefore(spans, deadline, resultCallback);
  else exporter.export(spans, resultCallback);
}
