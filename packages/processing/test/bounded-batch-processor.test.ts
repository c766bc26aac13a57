import { ExportResultCode } from '@opentelemetry/core';
import { BoundedBatchProcessor, type ExportCounts } from '../src';
import { ControlledExporter, fakeSpan, sleep } from './helpers/fake-exporter';

// exportTimeoutMillis only bounds an export the test holds: generous, so a slow machine never times one out
const options = { maxQueueSize: 10, maxExportBatchSize: 4, scheduledDelayMillis: 60_000, exportTimeoutMillis: 30_000 };
const total = (c: ExportCounts): number => c.exported + c.failed + c.queueFull + c.afterShutdown + c.queued + c.inFlight;

describe('BoundedBatchProcessor', () => {
  it('exports as soon as a batch is full, not before', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, options);
    for (let i = 0; i < 3; i++) processor.onEnd(fakeSpan());
    expect(exporter.batches).toEqual([]);
    processor.onEnd(fakeSpan());
    await sleep(0);
    expect(exporter.batches).toEqual([4]);
    await processor.shutdown();
  });

  it('exports a partial batch when the delay passes', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, { ...options, scheduledDelayMillis: 20 });
    processor.onEnd(fakeSpan());
    processor.onEnd(fakeSpan());
    for (let i = 0; i < 100 && exporter.batches.length === 0; i++) await sleep(10);
    expect(exporter.batches).toEqual([2]);
    expect(processor.counts()).toMatchObject({ exported: 2, queued: 0, inFlight: 0 });
    await processor.shutdown();
  });

  it('drops and counts spans beyond the queue bound while the exporter is stuck', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new BoundedBatchProcessor(exporter, options);
    for (let i = 0; i < 25; i++) processor.onEnd(fakeSpan());
    // one batch of 4 left for the exporter; the queue then holds 10; 11 dropped
    const during = processor.counts();
    expect(during).toMatchObject({ inFlight: 4, queued: 10, queueFull: 11 });
    expect(total(during)).toBe(25);
    const flushed = processor.forceFlush();
    while (processor.counts().inFlight > 0 || processor.counts().queued > 0) {
      exporter.answerAll();
      await sleep(0);
    }
    await flushed;
    const after = processor.counts();
    expect(after).toMatchObject({ exported: 14, queueFull: 11, queued: 0, inFlight: 0 });
    expect(exporter.batches).toEqual([4, 4, 4, 2]);
    await processor.shutdown();
  });

  it('forceFlush exports everything queued and waits for the export in flight', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new BoundedBatchProcessor(exporter, options);
    for (let i = 0; i < 6; i++) processor.onEnd(fakeSpan());
    let flushed = false;
    const flush = processor.forceFlush().then(() => {
      flushed = true;
    });
    await sleep(5);
    expect(flushed).toBe(false);
    exporter.answerAll();
    await sleep(0);
    expect(flushed).toBe(false); // the second batch is in flight now
    exporter.answerAll();
    await flush;
    expect(processor.counts()).toMatchObject({ exported: 6, queued: 0, inFlight: 0 });
    await processor.shutdown();
  });

  it('counts failed exports and keeps exporting the rest', async () => {
    const exporter = new ControlledExporter(ExportResultCode.FAILED);
    const failures: number[] = [];
    const processor = new BoundedBatchProcessor(exporter, options, { onExportFailed: (n) => failures.push(n) });
    for (let i = 0; i < 6; i++) processor.onEnd(fakeSpan());
    await processor.forceFlush();
    expect(processor.counts()).toMatchObject({ exported: 0, failed: 6 });
    expect(failures).toEqual([4, 2]);
    await processor.shutdown();
  });

  it('an exporter that never answers is counted failed after the timeout; a late success is moved back', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new BoundedBatchProcessor(exporter, { ...options, exportTimeoutMillis: 1 }); // + the 1 s grace
    processor.onEnd(fakeSpan());
    await processor.forceFlush();
    expect(processor.counts()).toMatchObject({ failed: 1, exported: 0, inFlight: 0 });
    exporter.answerAll();
    expect(processor.counts()).toMatchObject({ failed: 0, exported: 1 });
    await processor.shutdown();
  });

  it('an exporter that throws is counted failed, not thrown', async () => {
    const processor = new BoundedBatchProcessor(
      {
        export: () => {
          throw new Error('sync throw');
        },
        shutdown: async () => {
          throw new Error('shutdown throw');
        },
      },
      options,
    );
    processor.onEnd(fakeSpan());
    await processor.forceFlush();
    expect(processor.counts().failed).toBe(1);
    await expect(processor.shutdown()).resolves.toBeUndefined();
  });

  it('shutdown flushes, shuts the exporter once, and counts later spans', async () => {
    const exporter = new ControlledExporter();
    const processor = new BoundedBatchProcessor(exporter, options);
    processor.onEnd(fakeSpan());
    await Promise.all([processor.shutdown(), processor.shutdown()]);
    processor.onEnd(fakeSpan());
    expect(exporter.shutdownCalls).toBe(1);
    expect(processor.counts()).toMatchObject({ exported: 1, afterShutdown: 1 });
  });
});
