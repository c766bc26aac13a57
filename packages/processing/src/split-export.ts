import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { exportSpans } from './export-call';
import { isTooLargeError } from './retry-policy';

/** What became of the spans of one {@link exportSplittingOversized} call; the counts add up to the spans given. */
export interface SplitExportOutcome {
  /** Spans the exporter acknowledged. */
  exported: number;
  /** Spans whose export failed for another reason than size (or timed out). */
  failed: number;
  /** Spans the server refused as too large even alone: dropped, not retried. */
  tooLarge: number;
  /** True when a failed request timed out in the processor. */
  timedOut: boolean;
  /** The error of the failed spans, when any. */
  error?: unknown;
  /** The server's answer to the last span refused as too large, when any. */
  tooLargeError?: unknown;
}

/**
 * Exports `spans` like {@link exportSpans}, but when the server refuses the request for its size (HTTP
 * 413, gRPC "message larger than max"), sends each half on its own, and so on, so that only a span too
 * large by itself is dropped (counted `tooLarge`) and the others are delivered. Halves are sent one after
 * the other, in order. Once a part fails for another reason (the backend is down, the key is wrong…),
 * the parts not yet sent are counted failed with it instead of each waiting out its own export budget.
 *
 * `onLateSuccess(count)` is called when a part the processor stopped waiting for (counted failed) is
 * acknowledged later. Never rejects, never throws.
 */
export async function exportSplittingOversized(
  exporter: SpanExporter,
  spans: ReadableSpan[],
  timeoutMs: number,
  onLateSuccess?: (count: number) => void,
): Promise<SplitExportOutcome> {
  const outcome: SplitExportOutcome = { exported: 0, failed: 0, tooLarge: 0, timedOut: false };
  const parts: ReadableSpan[][] = [spans];
  while (parts.length > 0) {
    const part = parts.shift()!;
    if (outcome.failed > 0) {
      outcome.failed += part.length;
      continue;
    }
    const result = await exportSpans(exporter, part, timeoutMs, onLateSuccess && (() => onLateSuccess(part.length)));
    if (result.ok) {
      outcome.exported += part.length;
    } else if (!result.timedOut && isTooLargeError(result.error)) {
      if (part.length === 1) {
        outcome.tooLarge += 1;
        outcome.tooLargeError = result.error;
      } else {
        const half = Math.ceil(part.length / 2);
        parts.unshift(part.slice(0, half), part.slice(half));
      }
    } else {
      outcome.failed += part.length;
      outcome.error = result.error;
      outcome.timedOut = result.timedOut;
    }
  }
  return outcome;
}
