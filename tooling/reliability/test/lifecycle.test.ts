import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { accountIdentities, accountSpans, droppedTotal } from '../src/accounting';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder } from '../src/results';
import { StrayErrorCollector } from '../src/stray-errors';
import { createReliabilityTracer, secretApiKey } from '../src/tracer-factory';
import { ensureTracerBuilt, startFixture, type Child } from './support/child-process';
import { sleep } from './support/wait';

// flush() and shutdown() racing each other under load; a process that exits with pending spans; SIGTERM with
// and without the opt-in signal handler (child processes on the built packages, see fixtures/).

const recorder = new ResultRecorder('lifecycle');
let backend: LocalBackend;
const children: Child[] = [];

beforeAll(async () => {
  ensureTracerBuilt();
  backend = await startLocalBackend();
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill();
  await backend?.stop();
  recorder.flush();
});

describe('flush and shutdown under load', () => {
  it('racing flush() and shutdown() calls all resolve, and every span is accounted for', async () => {
    const strays = new StrayErrorCollector().install();
    const tracer = createReliabilityTracer(backend, { apiKey: secretApiKey('race'), logger: new CapturingLogger(), batchSize: 100, maxQueueSize: 2_000 });
    await backend.faults.set({ kind: 'delay', ms: 50 }); // exports take a while, so flushes overlap them
    let created = 0;
    let stop = false;
    const producers = Array.from({ length: 50 }, async () => {
      while (!stop) {
        tracer.startSpan('race.op', () => undefined);
        created++;
        await new Promise((resolve) => setImmediate(resolve));
      }
    });
    const outcomes: Array<Promise<unknown>> = [];
    // Budgets far above what the exports need (a few 50 ms requests), so that only a hang, never a slow machine,
    // could make one of them run out.
    for (let round = 0; round < 20; round++) {
      outcomes.push(tracer.flush(30_000));
      if (round === 10) outcomes.push(tracer.shutdown(30_000), tracer.flush(30_000), tracer.shutdown(30_000));
      await sleep(10);
    }
    await sleep(50); // producers keep going after shutdown: those spans are ignored and counted
    stop = true;
    await Promise.all(producers);
    const settled = await Promise.allSettled([...outcomes, tracer.flush(30_000), tracer.shutdown(30_000)]);
    strays.uninstall();
    await backend.faults.clear();

    const stats = tracer.stats();
    const account = accountSpans({ created, stats, received: backend.spans(), sessionIds: new Set([tracer.sessionId]) });
    recorder.add('lifecycle', {
      scenario: 'flush x22 + shutdown x3 racing 50 producers',
      created,
      delivered: account.delivered,
      dropped: droppedTotal(account.dropped),
      droppedByReason: account.dropped,
      failed: account.failed,
      rejected: settled.filter((s) => s.status === 'rejected').length,
    });

    expect(settled.filter((s) => s.status === 'rejected')).toEqual([]);
    for (const s of settled) expect(typeof (s as PromiseFulfilledResult<unknown>).value).toBe('boolean');
    expect(strays.errors).toEqual([]);
    expect(stats.lifecycle).toBe('shut_down');
    // spans ended after shutdown never reach `ended`; the test's own count must still add up
    const [first, , third] = accountIdentities(account);
    expect(first![1]).toBe(first![2]);
    expect(third![1]).toBe(third![2]);
    expect(stats.ended + stats.droppedAfterShutdown).toBe(created);
    expect(account.pending).toBe(0);
    expect(account.dropped.after_shutdown).toBeGreaterThan(0);
    expect(account.failed).toBe(0);
  }, 120_000);
});

describe('process end (child processes)', () => {
  const SPANS = 25;

  function deliveredFor(sessionId: string): number {
    return backend.spans().filter((span) => span.attributes['honeyhive.session_id'] === sessionId).length;
  }

  it('a process that simply ends with pending spans delivers them (default beforeExit flush)', async () => {
    const child = startFixture('exit-with-pending.js', { REL_BACKEND_URL: backend.httpUrl, REL_API_KEY: secretApiKey('exit'), REL_SPANS: String(SPANS) });
    children.push(child);
    const [, sessionId] = await child.waitForLine(/SESSION=([0-9a-f-]+)\n/);
    const ended = await child.exited;
    const stats = JSON.parse((/STATS=(.*)\n/.exec(child.output()) ?? [])[1] ?? '{}') as { exported?: number };
    recorder.add('lifecycle', { scenario: 'process exit with pending spans', created: SPANS, delivered: deliveredFor(sessionId!), exitCode: String(ended.code) });

    expect(ended).toEqual({ code: 0, signal: null });
    expect(stats.exported).toBe(SPANS);
    expect(deliveredFor(sessionId!)).toBe(SPANS);
  }, 90_000);

  it.each([
    ['with the opt-in handler: spans delivered, then the process ends by SIGTERM', '1', SPANS],
    ['without it (control): the process ends at once and the pending spans are lost', '0', 0],
  ])('SIGTERM %s', async (_name, optIn, expected) => {
    const child = startFixture('sigterm-handler.js', {
      REL_BACKEND_URL: backend.httpUrl,
      REL_API_KEY: secretApiKey('sigterm'),
      REL_SPANS: String(SPANS),
      REL_FLUSH_ON_SIGNALS: optIn,
    });
    children.push(child);
    const [, sessionId] = await child.waitForLine(/SESSION=([0-9a-f-]+)\n/);
    await child.waitForLine(/READY\n/);
    expect(deliveredFor(sessionId!)).toBe(0); // still pending before the signal
    child.process.kill('SIGTERM');
    const ended = await child.exited;
    recorder.add('lifecycle', { scenario: `SIGTERM, flushOnSignals ${optIn === '1'}`, created: SPANS, delivered: deliveredFor(sessionId!), exitSignal: String(ended.signal) });

    expect(ended).toEqual({ code: null, signal: 'SIGTERM' }); // the process still ends the way SIGTERM ends it
    expect(deliveredFor(sessionId!)).toBe(expected);
  }, 90_000);
});
