import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { HoneyHiveTracerOptions } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// flush() answers for its own caller: each call covers every span that ended before it was called, waits at
// most its own timeout, and resolves true only when all of those were delivered. Concurrent calls with nothing
// new still share one export. Against the local backend; a delayed answer keeps the first export in flight
// while the next flush is called (the calls follow each other synchronously, so no timing is assumed, except
// that a 50 ms timeout ends before a 3 s delay does).

const API_KEY = 'hh-flush-coverage-key';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown(5_000)));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

/** A tracer whose spans leave only when flushed (large batch, 60 s interval). */
async function readyTracer(overrides: HoneyHiveTracerOptions = {}): Promise<TestTracer> {
  const t = new TestTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    project: 'flush-coverage',
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    batchSize: 1_000,
    flushIntervalMs: 60_000,
    exportTimeoutMs: 20_000,
    logger: collectingLogger(),
    ...overrides,
  });
  tracers.push(t);
  expect(await t.ready).toBe(true);
  return t;
}

function end(t: TestTracer, name: string, count: number): void {
  for (let i = 0; i < count; i++) t.startSpan(name, {}, () => undefined);
}

const delivered = (t: TestTracer): number => backend.spans().filter((span) => span.attributes['honeyhive.session_id'] === t.sessionId).length;
const traceRequests = () => backend.requests().filter((request) => request.route === 'traces');

describe('flush() answers for its own caller', () => {
  it('a flush called while another runs covers the spans that ended after the first began', async () => {
    const t = await readyTracer();
    await backend.faults.set({ kind: 'delay', ms: 1_000, count: 1, routes: 'traces' });
    end(t, 'first', 5);
    const first = t.flush(20_000);
    end(t, 'second', 5);
    const second = await t.flush(20_000);
    const deliveredWhenAnswered = delivered(t);
    expect(second).toBe(true);
    expect(deliveredWhenAnswered).toBe(10);
    expect(await first).toBe(true);
  });

  it('a long flush joining a short one honours its own timeout: the short one false, the long one true', async () => {
    const t = await readyTracer();
    await backend.faults.set({ kind: 'delay', ms: 3_000, count: 1, routes: 'traces' });
    end(t, 'slow', 3);
    const short = t.flush(50);
    const long = t.flush(20_000);
    expect(await short).toBe(false);
    expect(await long).toBe(true);
    expect(delivered(t)).toBe(3);
  });

  it('a short flush joining a long one gives up at its own timeout', async () => {
    const t = await readyTracer();
    await backend.faults.set({ kind: 'delay', ms: 3_000, count: 1, routes: 'traces' });
    end(t, 'slow', 3);
    const long = t.flush(20_000);
    const short = t.flush(50);
    expect(await short).toBe(false);
    expect(delivered(t)).toBe(0); // it answered before the export did
    expect(await long).toBe(true);
    expect(delivered(t)).toBe(3);
  });

  it('ten concurrent flushes with nothing new between them cost one export', async () => {
    const t = await readyTracer();
    end(t, 'shared', 4);
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.flush(20_000)));
    expect(answers).toEqual(Array(10).fill(true));
    expect(traceRequests()).toHaveLength(1);
    expect(delivered(t)).toBe(4);
  });
});

describe('flush() resolves true only when every span it covers was delivered', () => {
  it('false when its export failed; the next flush answers for its own spans only', async () => {
    const t = await readyTracer();
    await backend.faults.set({ kind: 'status', status: 400, count: 1, routes: 'traces' });
    end(t, 'rejected', 2);
    expect(await t.flush(20_000)).toBe(false);
    end(t, 'accepted', 2);
    expect(await t.flush(20_000)).toBe(true);
    expect(t.stats()).toMatchObject({ ended: 2 + 2, exported: 2, failed: 2 });
  });

  it('false for a flush whose earlier spans failed in the export of a flush still running', async () => {
    const t = await readyTracer();
    await backend.faults.set([{ kind: 'status', status: 400, count: 1, routes: 'traces' }]);
    end(t, 'rejected', 3);
    const first = t.flush(20_000);
    end(t, 'accepted', 2);
    const second = t.flush(20_000);
    expect(await first).toBe(false);
    expect(await second).toBe(false); // it covers the rejected spans too: they ended before it was called
    expect(t.stats()).toMatchObject({ exported: 2, failed: 3 });
  });

  it('false when spans were dropped (queue full) before it was called', async () => {
    const t = await readyTracer({ maxQueueSize: 2, batchSize: 2 });
    end(t, 'overflow', 2);
    // the first two left as a full batch or wait in the queue; at most two fit, so later ones are dropped
    end(t, 'overflow', 10);
    const stats = t.stats();
    expect(stats.dropped.queue_full).toBeGreaterThan(0);
    expect(await t.flush(20_000)).toBe(false);
    expect(await t.flush(20_000)).toBe(true); // that loss was answered for; nothing new was lost
    const after = t.stats();
    expect(after.exported + after.dropped.queue_full).toBe(12);
  });
});
