import { ExportResultCode } from '@opentelemetry/core';
import { SimpleExportProcessor, type ExportCounts, type SimpleExportOptions } from '../src';
import { ControlledExporter, fakeSpan, sleep } from './helpers/fake-exporter';

// exportTimeoutMillis only bounds an export the test holds: generous, so a slow machine never times one out
const options: SimpleExportOptions = { maxInFlight: 3, maxQueueSize: 10, maxExportBatchSize: 4, exportTimeoutMillis: 30_000 };
const total = (c: ExportCounts): number => c.exported + c.failed + c.queueFull + c.tooLarge + c.afterShutdown + c.queued + c.inFlight;

/** Records whether a promise has settled, without waiting for it. */
function tracked(promise: Promise<void>): { done: () => boolean } {
  let settled = false;
  void promise.then(() => {
    settled = true;
  });
  return { done: () => settled };
}

describe('SimpleExportProcessor', () => {
  it('exports each span at once while requests are free', async () => {
    const exporter = new ControlledExporter();
    const processor = new SimpleExportProcessor(exporter, options);
    for (let i = 0; i < 3; i++) processor.onEnd(fakeSpan());
    await processor.forceFlush();
    expect(exporter.batches).toEqual([1, 1, 1]);
    expect(processor.counts()).toMatchObject({ exported: 3, queued: 0, inFlight: 0 });
  });

  it('keeps at most maxInFlight requests open; later spans wait and leave together, none refused', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new SimpleExportProcessor(exporter, options);
    for (let i = 0; i < 10; i++) processor.onEnd(fakeSpan());
    expect(exporter.batches).toEqual([1, 1, 1]);
    expect(processor.counts()).toMatchObject({ inFlight: 3, queued: 7, queueFull: 0 });
    expect(total(processor.counts())).toBe(10);

    exporter.calls.shift()!.respond({ code: ExportResultCode.SUCCESS });
    await sleep(0);
    // one request freed: the waiting spans go out in one request of up to maxExportBatchSize
    expect(exporter.batches).toEqual([1, 1, 1, 4]);
    expect(exporter.calls).toHaveLength(3);
    expect(processor.counts()).toMatchObject({ exported: 1, inFlight: 6, queued: 3 });

    while (exporter.calls.length > 0) {
      exporter.answerAll();
      await sleep(0);
    }
    await processor.forceFlush();
    expect(exporter.batches).toEqual([1, 1, 1, 4, 3]);
    expect(processor.counts()).toMatchObject({ exported: 10, failed: 0, queueFull: 0, queued: 0, inFlight: 0 });
  });

  it('bounds the queue: spans beyond maxQueueSize are dropped and counted queue_full', async () => {
    const exporter = new ControlledExporter('hold');
    let told = 0;
    const processor = new SimpleExportProcessor(exporter, { ...options, maxQueueSize: 5 }, { onQueueFull: () => told++ });
    for (let i = 0; i < 12; i++) processor.onEnd(fakeSpan());
    expect(processor.counts()).toMatchObject({ inFlight: 3, queued: 5, queueFull: 4 });
    expect(told).toBe(4);
    expect(total(processor.counts())).toBe(12);
    const flush = processor.forceFlush();
    while (exporter.calls.length > 0) {
      exporter.answerAll();
      await sleep(0);
    }
    await flush;
    expect(processor.counts()).toMatchObject({ exported: 8, queueFull: 4, queued: 0, inFlight: 0 });
  });

  it('forceFlush waits for queued spans and for every request in flight, whatever order they finish in', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new SimpleExportProcessor(exporter, options);
    for (let i = 0; i < 5; i++) processor.onEnd(fakeSpan());
    const flush = tracked(processor.forceFlush());
    // the last request answers first, then a span ends after the flush began and is answered too
    exporter.calls.pop()!.respond({ code: ExportResultCode.SUCCESS });
    await sleep(0);
    processor.onEnd(fakeSpan());
    exporter.calls.pop()!.respond({ code: ExportResultCode.SUCCESS });
    await sleep(0);
    expect(flush.done()).toBe(false);
    while (exporter.calls.length > 1) {
      exporter.calls.pop()!.respond({ code: ExportResultCode.SUCCESS });
      await sleep(0);
      expect(flush.done()).toBe(false);
    }
    exporter.calls.pop()!.respond({ code: ExportResultCode.SUCCESS });
    await sleep(0);
    expect(flush.done()).toBe(true);
    expect(total(processor.counts())).toBe(6);
    await processor.shutdown();
  });

  it('counts failed requests per span and keeps exporting', async () => {
    const exporter = new ControlledExporter('hold');
    const failures: number[] = [];
    const processor = new SimpleExportProcessor(exporter, options, { onExportFailed: (count) => failures.push(count) });
    for (let i = 0; i < 7; i++) processor.onEnd(fakeSpan());
    exporter.answerAll(ExportResultCode.FAILED);
    await sleep(0);
    exporter.answerAll();
    await processor.forceFlush();
    expect(failures).toEqual([1, 1, 1]);
    expect(processor.counts()).toMatchObject({ exported: 4, failed: 3, queued: 0, inFlight: 0 });
  });

  it('never has more requests at the exporter than maxInFlight', async () => {
    const exporter = new ControlledExporter('hold');
    const processor = new SimpleExportProcessor(exporter, { ...options, maxQueueSize: 1_000, maxExportBatchSize: 7 });
    let peak = 0;
    let produced = 0;
    while (produced < 500 || exporter.calls.length > 0) {
      for (let i = 0; i < 13 && produced < 500; i++, produced++) processor.onEnd(fakeSpan());
      peak = Math.max(peak, exporter.calls.length);
      exporter.calls.shift()?.respond({ code: ExportResultCode.SUCCESS });
      await sleep(0);
    }
    await processor.forceFlush();
    expect(peak).toBe(3);
    expect(processor.counts()).toMatchObject({ exported: 500, failed: 0, queueFull: 0 });
  });

  it('a coalesced request the backend refuses as too large is split; only the span too large alone is dropped', async () => {
    const exporter = new ControlledExporter('hold');
    const tooLarge: number[] = [];
    const processor = new SimpleExportProcessor(exporter, { ...options, maxInFlight: 1 }, { onTooLarge: (count) => tooLarge.push(count) });
    const huge = fakeSpan('huge');
    for (const span of [fakeSpan(), fakeSpan(), huge, fakeSpan()]) processor.onEnd(span);
    const flush = processor.forceFlush();
    while (exporter.calls.length > 0) {
      for (const call of exporter.calls.splice(0)) {
        const refused = call.spans.includes(huge);
        call.respond(refused ? { code: ExportResultCode.FAILED, error: Object.assign(new Error('Payload Too Large'), { code: 413 }) } : { code: ExportResultCode.SUCCESS });
      }
      await sleep(0);
    }
    await flush;
    expect(exporter.batches.slice(0, 2)).toEqual([1, 3]);
    expect(tooLarge).toEqual([1]);
    expect(processor.counts()).toMatchObject({ exported: 3, tooLarge: 1, failed: 0, queued: 0, inFlight: 0 });
    expect(total(processor.counts())).toBe(4);
  });

  it('shutdown flushes, shuts the exporter once, and counts later spans', async () => {
    const exporter = new ControlledExporter();
    const processor = new SimpleExportProcessor(exporter, options);
    processor.onEnd(fakeSpan());
    await Promise.all([processor.shutdown(), processor.shutdown()]);
    processor.onEnd(fakeSpan());
    expect(exporter.shutdownCalls).toBe(1);
    expect(processor.counts()).toMatchObject({ exported: 1, afterShutdown: 1 });
  });
});
