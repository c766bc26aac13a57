import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { OtlpProtocol } from '../src';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';
import { accounted } from './helpers/tracing';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

// The export budget is wall-clock time and retries must fit in it: generous, so a loaded machine cannot run out of
// it while it waits out a Retry-After or an outage (the default 10 s leaves little room over the 2 s waited here).
const GENEROUS = { exporter: { timeoutMs: 30_000 }, processor: { batch: { scheduledDelayMillis: 10, exportTimeoutMillis: 30_000 } } };

describe.each<OtlpProtocol>(['http/protobuf', 'grpc'])('retries over %s', (protocol) => {
  it('503 with Retry-After: 1 twice → delivered after waiting, nothing lost', async () => {
    await backend.faults.set({ kind: 'status', status: 503, retryAfterSeconds: 1, count: 2 });
    const pipeline = backendPipeline(backend, protocol, GENEROUS.exporter, GENEROUS.processor);
    try {
      pipeline.emit('retried', 3);
      expect(await pipeline.processor.flushDelivered()).toBe(true);
      const spans = await backend.waitForSpans(3);
      expect(spans.map((s) => s.name)).toEqual(['retried', 'retried', 'retried']);
      const requests = traceRequests(backend);
      expect(requests.map((r) => r.outcome)).toEqual(['fault', 'fault', 'ok']);
      // the client waited as told (a behaviour check: at least the second the server asked for)
      for (let i = 1; i < requests.length; i++) {
        expect(requests[i]!.receivedAt - requests[i - 1]!.receivedAt).toBeGreaterThanOrEqual(950);
      }
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ exported: 3, failed: 0 });
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });

  it('survives a backend restart on the same port (refuse, then clear): nothing lost', async () => {
    const pipeline = backendPipeline(backend, protocol, GENEROUS.exporter, GENEROUS.processor);
    try {
      pipeline.emit('before-restart');
      await pipeline.processor.forceFlush(); // a live connection exists when the backend goes away
      await backend.faults.set({ kind: 'refuse' });
      pipeline.emit('during-outage', 2);
      const flushed = pipeline.processor.forceFlush();
      await sleep(1_200);
      await backend.faults.clear();
      await flushed;
      const spans = await backend.waitForSpans(3);
      expect(spans.map((s) => s.name).sort()).toEqual(['before-restart', 'during-outage', 'during-outage']);
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ exported: 3, failed: 0, queued: 0, inFlight: 0 });
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });

  it('a permanent 400 is counted failed and not retried', async () => {
    await backend.faults.set({ kind: 'status', status: 400 });
    const pipeline = backendPipeline(backend, protocol);
    try {
      pipeline.emit('rejected', 2);
      await pipeline.processor.forceFlush();
      expect(traceRequests(backend)).toHaveLength(1);
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ exported: 0, failed: 2 });
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });

  it('hands a failed export to onExportFailed instead of the logger', async () => {
    await backend.faults.set({ kind: 'status', status: 400 });
    const warnings: string[] = [];
    const handed: Array<{ message: string; count: number; timedOut: boolean }> = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) };
    const pipeline = backendPipeline(backend, protocol, {}, {
      logger,
      onExportFailed: (error, count, timedOut) => handed.push({ message: error.message, count, timedOut }),
    });
    try {
      pipeline.emit('rejected', 2);
      expect(await pipeline.processor.flushDelivered()).toBe(false);
      expect(handed).toEqual([{ message: expect.stringMatching(/^2 span\(s\) not delivered: /), count: 2, timedOut: false }]);
      expect(warnings.filter((w) => w.includes('export'))).toEqual([]);
      expect(pipeline.processor.stats()).toMatchObject({ exported: 0, failed: 2 });
    } finally {
      await pipeline.close();
    }
  });

  it('a wrong API key (401) is counted failed and not retried', async () => {
    const pipeline = backendPipeline(backend, protocol, { apiKey: 'wrong-key' });
    try {
      pipeline.emit('unauthorised');
      await pipeline.processor.forceFlush();
      const requests = traceRequests(backend);
      expect(requests).toHaveLength(1);
      expect(requests[0]!.outcome).toBe('rejected');
      expect(pipeline.processor.stats()).toMatchObject({ exported: 0, failed: 1 });
      expect(backend.spans()).toHaveLength(0);
    } finally {
      await pipeline.close();
    }
  });
});
