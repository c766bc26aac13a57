import { context } from '@opentelemetry/api';
import { ExportResultCode, suppressTracing, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';

/**
 * Extra time the processors give an export beyond `exportTimeoutMillis`, so that an exporter whose
 * own timeout (retry budget) is the same value reports its result before the processor gives up.
 */
export const EXPORT_GUARD_GRACE_MS = 1_000;

/** What became of one export call. */
export interface ExportOutcome {
  /** Whether the exporter acknowledged the spans. */
  ok: boolean;
  /** True when the processor stopped waiting before the exporter answered. */
  timedOut: boolean;
  /** The exporter's error, when it reported one. */
  error?: unknown;
}

/**
 * Hands `spans` to `exporter` once and resolves with the outcome; never rejects, never throws.
 *
 * The export runs with tracing suppressed so that instrumented HTTP/gRPC clients do not trace the
 * exporter's own requests (which would loop). When the exporter has not answered after `timeoutMs`
 * the promise resolves as a failure; if the exporter later reports success anyway, `onLateSuccess`
 * is called so the caller can move those spans from "failed" to "exported" and keep its counts exact.
 */
export function exportSpans(
  exporter: SpanExporter,
  spans: ReadableSpan[],
  timeoutMs: number,
  onLateSuccess?: () => void,
): Promise<ExportOutcome> {
  return new Promise<ExportOutcome>((resolve) => {
    let settled = false;
    let answered = false;
    const timer = setTimeout(() => {
      if (settled) return;
      settled = true;
      resolve({ ok: false, timedOut: true, error: new Error(`export did not finish within ${timeoutMs} ms`) });
    }, timeoutMs);
    timer.unref?.();

    const onResult = (result: ExportResult): void => {
      if (answered) return; // an exporter that calls back twice is counted once
      answered = true;
      const ok = result?.code === ExportResultCode.SUCCESS;
      if (settled) {
        if (ok) onLateSuccess?.();
        return;
      }
      settled = true;
      clearTimeout(timer);
      resolve(ok ? { ok, timedOut: false } : { ok, timedOut: false, error: result?.error });
    };

    const start = (): void => {
      try {
        context.with(suppressTracing(context.active()), () => exporter.export(spans, onResult));
      } catch (error) {
        onResult({ code: ExportResultCode.FAILED, error: error as Error });
      }
    };

    // Resources with asynchronous attributes must settle before serialisation (as OTel's processors do).
    const pending = new Set<Promise<void>>();
    for (const span of spans) {
      const resource = span.resource;
      if (resource?.asyncAttributesPending && typeof resource.waitForAsyncAttributes === 'function') {
        pending.add(resource.waitForAsyncAttributes());
      }
    }
    if (pending.size === 0) start();
    else Promise.all(pending).then(start, start);
  });
}
