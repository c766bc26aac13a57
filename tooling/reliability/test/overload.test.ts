import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { HoneyHiveTracer } from '@honeyhive/tracer';
import { accountIdentities, accountSpans, droppedTotal } from '../src/accounting';
import { settledHeapUsed, toMiB } from '../src/heap';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder } from '../src/results';
import { PeakSampler } from '../src/sampler';
import { createReliabilityTracer, secretApiKey } from '../src/tracer-factory';

// Spans produced far faster than a slow backend (300 ms per request, 100 spans per request) accepts: the
// queue bound holds at every sample, the excess is dropped and counted queue_full, the counts add up exactly,
// and the heap does not grow with the number of spans produced.

const MAX_QUEUE = 500;
const PHASE_SPANS = 20_000;
// Settled heap after the second 20,000-span phase may exceed the first phase's by at most this much: were the
// spans kept (no bound), 20,000 more would add tens of MiB.
const GROWTH_TOLERANCE_BYTES = 6 * 1024 * 1024;

const recorder = new ResultRecorder('overload');
let backend: LocalBackend | undefined;
let tracer: HoneyHiveTracer | undefined;

afterAll(async () => {
  await tracer?.shutdown(2_000);
  await backend?.stop();
  recorder.flush();
});

async function burst(t: HoneyHiveTracer, count: number): Promise<number> {
  let created = 0;
  for (let i = 0; i < count; i++) {
    t.startSpan('overload.op', (span) => span.setAttribute('reliability.index', i));
    created++;
    if (i % 1_000 === 999) await new Promise((resolve) => setImmediate(resolve));
  }
  return created;
}

describe('overload', () => {
  it('producer faster than the backend: queue bound holds, drops counted queue_full, heap flat', async () => {
    backend = await startLocalBackend();
    const logger = new CapturingLogger();
    tracer = createReliabilityTracer(backend, {
      apiKey: secretApiKey('overload'),
      batchSize: 100,
      maxQueueSize: MAX_QUEUE,
      flushIntervalMs: 10,
      exportTimeoutMs: 30_000, // far above the 300 ms delay: no export may fail, however slow the machine
      logger,
    });
    await tracer.ready;
    const t = tracer;
    await backend.faults.set({ kind: 'delay', ms: 300 });
    const sampler = new PeakSampler({ queue: () => t.stats().queued, heap: () => process.memoryUsage().heapUsed }, 5);
    const started = Date.now();

    let created = await burst(t, 1_000); // warm-up inside the overload, so the baseline includes loaded code
    const baseline = settledHeapUsed();
    created += await burst(t, PHASE_SPANS);
    const afterPhase1 = settledHeapUsed();
    created += await burst(t, PHASE_SPANS);
    const afterPhase2 = settledHeapUsed();
    sampler.sample();
    const queueAtEnd = t.stats().queued;

    await backend.faults.clear();
    const flushed = await t.flush(60_000);
    const peaks = sampler.stop();
    const stats = t.stats();
    const account = accountSpans({ created, stats, received: backend.spans(), sessionIds: new Set([t.sessionId]) });
    recorder.add('overload', {
      created,
      delivered: account.delivered,
      dropped: droppedTotal(account.dropped),
      droppedByReason: account.dropped,
      failed: account.failed,
      queueMax: peaks.queue!,
      queueBound: MAX_QUEUE,
      heapBaselineMiB: toMiB(baseline),
      heapAfter20kMiB: toMiB(afterPhase1),
      heapAfter40kMiB: toMiB(afterPhase2),
      heapPeakMiB: toMiB(peaks.heap!),
      seconds: Math.round((Date.now() - started) / 100) / 10,
    });

    // false: flush() answers for every span that ended before it was called, and the dropped ones were not
    // delivered; what was still queued was (pending 0)
    expect(flushed).toBe(false);
    for (const [name, left, right] of accountIdentities(account)) expect({ name, left }).toEqual({ name, left: right });
    expect(account.pending).toBe(0);
    expect(peaks.queue).toBeLessThanOrEqual(MAX_QUEUE);
    expect(queueAtEnd).toBeGreaterThan(0);
    expect(account.dropped.queue_full).toBeGreaterThan(created / 2); // most of the excess was refused, and counted
    expect(account.failed).toBe(0);
    expect(account.delivered).toBeGreaterThanOrEqual(MAX_QUEUE);
    expect(afterPhase2 - afterPhase1).toBeLessThanOrEqual(GROWTH_TOLERANCE_BYTES);
    // the drops were told, once per burst of drops (rate-limited), not thrown
    expect(logger.lines.filter((l) => /queue full/.test(l.text)).length).toBeGreaterThan(0);
    expect(logger.lines.length).toBeLessThan(100);
  }, 150_000);
});
