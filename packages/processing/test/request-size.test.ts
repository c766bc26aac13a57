import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { BoundedBatchProcessor, resolveBatchOptions, type ExportCounts } from '../src';
import { DEFAULT_MAX_EXPORT_BATCH_BYTES, estimateSpanBytes } from '../src/span-size';
import { exportSplittingOversized } from '../src/split-export';
import { ControlledExporter } from './helpers/fake-exporter';

const total = (c: ExportCounts): number => c.exported + c.failed + c.queueFull + c.tooLarge + c.afterShutdown + c.queued + c.inFlight;

/** An ended span with one string attribute of `bytes` bytes. */
function spanOf(name: string, bytes = 0): ReadableSpan {
  return { name, attributes: { payload: 'x'.repeat(bytes) }, events: [], links: [], resource: { attributes: {} } } as unknown as ReadableSpan;
}

const tooLarge = (): Error => Object.assign(new Error('Payload Too Large'), { code: 413 });

/** Refuses (413) every request holding a span named in `oversized`; records each request's span names. */
class SizeLimitedExporter implements SpanExporter {
  readonly requests: string[][] = [];
  constructor(
    private readonly oversized: Set<string>,
    private readonly otherError?: () => Error,
  ) {}
  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    const names = spans.map((s) => s.name);
    this.requests.push(names);
    if (names.some((n) => this.oversized.has(n))) return done({ code: ExportResultCode.FAILED, error: tooLarge() });
    if (this.otherError && this.requests.length > 1) return done({ code: ExportResultCode.FAILED, error: this.otherError() });
    done({ code: ExportResultCode.SUCCESS });
  }
  async shutdown(): Promise<void> {}
}

describe('estimateSpanBytes', () => {
  it('counts string attributes by their UTF-8 size, plus framing', () => {
    const small = estimateSpanBytes(spanOf('s'));
    expect(estimateSpanBytes(spanOf('s', 50_000)) - small).toBe(50_000);
    const utf8 = { ...spanOf('s'), attributes: { payload: 'é'.repeat(1000) } } as unknown as ReadableSpan;
    expect(estimateSpanBytes(utf8) - small).toBe(2000);
  });

  it('never throws on a malformed span', () => {
    const hostile = { get name(): string { throw new Error('boom'); } } as unknown as ReadableSpan;
    expect(estimateSpanBytes(hostile)).toBeGreaterThan(0);
  });
});

describe('byte-capped batches', () => {
  const base = { maxQueueSize: 100, maxExportBatchSize: 50, scheduledDelayMillis: 60_000, exportTimeoutMillis: 5_000 };

  it('ends a batch before the span that would pass maxExportBatchBytes; the rest follows at once', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, { ...base, maxExportBatchBytes: 100_000 });
    for (let i = 0; i < 10; i++) processor.onEnd(spanOf(`s${i}`, 30_000));
    await processor.forceFlush();
    expect(exporter.batches).toEqual([3, 3, 3, 1]);
    expect(processor.counts()).toMatchObject({ exported: 10, failed: 0, tooLarge: 0 });
  });

  it('a full-by-bytes batch does not wait for the timer (no flush, one-minute delay)', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, { ...base, maxExportBatchSize: 10, maxExportBatchBytes: 100_000 });
    for (let i = 0; i < 10; i++) processor.onEnd(spanOf(`s${i}`, 30_000)); // the 10th span fills the count
    for (let i = 0; i < 200 && processor.counts().exported < 10; i++) await new Promise((r) => setTimeout(r, 5));
    expect(exporter.batches).toEqual([3, 3, 3, 1]);
  });

  it('sends a span larger than the cap alone', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, { ...base, maxExportBatchBytes: 10_000 });
    processor.onEnd(spanOf('a', 100));
    processor.onEnd(spanOf('huge', 50_000));
    processor.onEnd(spanOf('b', 100));
    await processor.forceFlush();
    expect(exporter.batches).toEqual([1, 1, 1]);
  });

  it('defaults to 3 MiB: 200 spans of 50 KB leave in requests of at most 3 MiB', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, { ...base, maxQueueSize: 200, maxExportBatchSize: 200 });
    for (let i = 0; i < 200; i++) processor.onEnd(spanOf(`s${i}`, 50_000));
    await processor.forceFlush();
    const perRequest = Math.floor(DEFAULT_MAX_EXPORT_BATCH_BYTES / estimateSpanBytes(spanOf('s0', 50_000)));
    expect(exporter.batches.every((n) => n <= perRequest)).toBe(true);
    expect(exporter.batches.reduce((a, b) => a + b, 0)).toBe(200);
  });
});

describe('splitting a request the backend refuses as too large', () => {
  it('only the offending span is dropped (tooLarge); the 49 others are delivered', async () => {
    const names = Array.from({ length: 50 }, (_, i) => `s${i}`);
    const exporter = new SizeLimitedExporter(new Set(['s17']));
    const processor = new BoundedBatchProcessor(exporter, { maxQueueSize: 100, maxExportBatchSize: 50, scheduledDelayMillis: 60_000, exportTimeoutMillis: 5_000 });
    for (const name of names) processor.onEnd(spanOf(name));
    await processor.forceFlush();
    const counts = processor.counts();
    expect(counts).toMatchObject({ exported: 49, tooLarge: 1, failed: 0, queued: 0, inFlight: 0 });
    expect(total(counts)).toBe(50);
    const delivered = exporter.requests.filter((r) => !r.includes('s17')).flat();
    expect(delivered.sort()).toEqual(names.filter((n) => n !== 's17').sort());
    // halving around s17: each refused part is smaller than the last, none is sent twice
    expect(exporter.requests.filter((r) => r.includes('s17')).map((r) => r.length)).toEqual([50, 25, 12, 6, 3, 2, 1]);
    expect(exporter.requests.filter((r) => !r.includes('s17')).map((r) => r.length)).toEqual([13, 3, 1, 1, 6, 25]);
  });

  it('two oversized spans: both dropped, every other span delivered once', async () => {
    const spans = Array.from({ length: 20 }, (_, i) => spanOf(`s${i}`));
    const exporter = new SizeLimitedExporter(new Set(['s0', 's19']));
    const outcome = await exportSplittingOversized(exporter, spans, 5_000);
    expect(outcome).toMatchObject({ exported: 18, failed: 0, tooLarge: 2 });
    const delivered = exporter.requests.filter((r) => !r.includes('s0') && !r.includes('s19')).flat();
    expect(new Set(delivered).size).toBe(delivered.length);
    expect(delivered).toHaveLength(18);
  });

  it('another failure during the split counts that part and the parts not yet sent as failed', async () => {
    const spans = Array.from({ length: 8 }, (_, i) => spanOf(`s${i}`));
    const unavailable = (): Error => Object.assign(new Error('Service Unavailable'), { code: 503 });
    const exporter = new SizeLimitedExporter(new Set(['s0']), unavailable);
    const outcome = await exportSplittingOversized(exporter, spans, 5_000);
    // [8] too large → [4] too large → [2] too large → [1] too large → [1] s1 fails 503 → the other 6 are not sent
    expect(outcome).toMatchObject({ exported: 0, tooLarge: 1, failed: 7 });
    expect(exporter.requests.map((r) => r.length)).toEqual([8, 4, 2, 1, 1]);
  });
});

describe('the request-size setting', () => {
  // HH_BATCH_MAX_BYTES is read by the tracer's configuration: packages/core/test/config/env-pipeline.test.ts
  it('maxExportBatchBytes; a bad value is reported, naming the option', () => {
    expect(resolveBatchOptions().batch.maxExportBatchBytes).toBeUndefined(); // the processor's 3 MiB default
    expect(resolveBatchOptions({ maxExportBatchBytes: 8192 }).batch.maxExportBatchBytes).toBe(8192);
    const bad = resolveBatchOptions({ maxExportBatchBytes: 512 });
    expect(bad.batch.maxExportBatchBytes).toBeUndefined();
    expect(bad.problems.map((p) => p.variable)).toEqual(['maxExportBatchBytes']);
  });
});
