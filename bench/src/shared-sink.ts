import type { ExportResult } from '@opentelemetry/core';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';

/**
 * The sink of the per-call sections, the same class for every contender: OpenTelemetry's
 * InMemorySpanExporter (SDK 2.12), which is also what our tracer uses in `testMode`. The harness empties
 * it after every sample (`drain`) so that kept spans never grow the heap; it counts what went through.
 */
export class SharedSink extends InMemorySpanExporter {
  /** Spans exported so far. */
  exported = 0;

  override export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.exported += spans.length;
    super.export(spans, resultCallback);
  }
}

/** Attribute count of the last span in `spans` (undefined when empty). */
function lastAttributeCount(spans: readonly ReadableSpan[]): number | undefined {
  const last = spans[spans.length - 1];
  return last === undefined ? undefined : Object.keys(last.attributes).length;
}

/**
 * Empties a sink's kept spans in place (works for any InMemorySpanExporter, including the one our tracer
 * keeps in test mode and hands out through `getTestSpans()`), remembering the last span's attribute count.
 */
export class SinkDrain {
  /** Attribute count of the last span drained. */
  attributesPerSpan: number | undefined;
  /** Attribute keys of the last span drained, sorted. */
  attributeKeys: string[] | undefined;

  constructor(private readonly keptSpans: () => ReadableSpan[]) {}

  drain(): void {
    const spans = this.keptSpans();
    const count = lastAttributeCount(spans);
    if (count !== undefined) {
      this.attributesPerSpan = count;
      this.attributeKeys = Object.keys(spans[spans.length - 1]!.attributes).sort();
    }
    spans.length = 0;
  }

  /** What the last drained span carried, for a contender's `counts()`. */
  attributeCounts(): { attributesPerSpan?: number; attributeKeys?: string[] } {
    return {
      ...(this.attributesPerSpan !== undefined ? { attributesPerSpan: this.attributesPerSpan } : {}),
      ...(this.attributeKeys !== undefined ? { attributeKeys: this.attributeKeys } : {}),
    };
  }
}
