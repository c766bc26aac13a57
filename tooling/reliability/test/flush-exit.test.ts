import { createServer, type Server, type Socket } from 'node:net';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { HoneyHiveTracer, TracerStats } from '@honeyhive/tracer';
import { accountIdentities, accountSpans, droppedTotal } from '../src/accounting';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder } from '../src/results';
import { createReliabilityTracer, secretApiKey } from '../src/tracer-factory';
import { ensureTracerBuilt, startFixture, type Child } from './support/child-process';

// flush() answers for its own caller (items: a flush joining a running one covers the spans that ended after the
// first began, honours its own timeout, resolves true only if all its spans were delivered), and process exit
// waits at most the exit budget (default 2 s), not at all when nothing is pending or flushOnExit is false. Every
// row checks created = delivered + dropped(reason) + failed.

const recorder = new ResultRecorder('flush-exit');
let backend: LocalBackend;
const children: Child[] = [];
const tracers: HoneyHiveTracer[] = [];

beforeAll(async () => {
  ensureTracerBuilt();
  backend = await startLocalBackend();
}, 120_000);

afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown(5_000)));
  await backend.faults.clear();
});

afterAll(async () => {
  for (const child of children) child.kill();
  await backend?.stop();
  recorder.flush();
});

function deliveredFor(sessionId: string): number {
  return backend.spans().filter((span) => span.attributes['honeyhive.session_id'] === sessionId).length;
}

function tracer(label: string): HoneyHiveTracer {
  // spans leave only when flushed: a large batch and a 60 s interval
  const t = createReliabilityTracer(backend, { apiKey: secretApiKey(label), logger: new CapturingLogger(), batchSize: 1_000, flushIntervalMs: 60_000, exportTimeoutMs: 20_000 });
  tracers.push(t);
  return t;
}

function end(t: HoneyHiveTracer, count: number): void {
  for (let i = 0; i < count; i++) t.startSpan('flush.cover', () => undefined);
}

/** The figures of one in-process scenario, after every flush answered; asserts the accounting identities. */
function account(t: HoneyHiveTracer, created: number): { delivered: number; dropped: number; failed: number } {
  const result = accountSpans({ created, stats: t.stats(), received: backend.spans(), sessionIds: new Set([t.sessionId]) });
  for (const [name, left, right] of accountIdentities(result)) expect({ name, value: left }).toEqual({ name, value: right });
  expect(result.pending).toBe(0);
  return { delivered: result.delivered, dropped: droppedTotal(result.dropped), failed: result.failed };
}

describe('item 3: flush() answers for its own caller', () => {
  it('a flush joining a running one covers the spans that ended after the first began', async () => {
    const t = tracer('join');
    expect(await t.ready).toBe(true);
    await backend.faults.set({ kind: 'delay', ms: 1_000, count: 1, routes: 'traces' });
    end(t, 5);
    const first = t.flush(20_000);
    end(t, 5);
    const second = await t.flush(20_000);
    const deliveredWhenAnswered = deliveredFor(t.sessionId);
    const firstAnswer = await first;
    const figures = account(t, 10);
    recorder.add('flush', { scenario: 'second flush while the first export is delayed 1 s', created: 10, deliveredWhenSecondAnswered: deliveredWhenAnswered, second: String(second), first: String(firstAnswer), ...figures });
    expect([second, firstAnswer, deliveredWhenAnswered]).toEqual([true, true, 10]);
  }, 60_000);

  it('each call honours its own timeout: flush(50) and flush(20000) sharing one slow export', async () => {
    const t = tracer('timeouts');
    expect(await t.ready).toBe(true);
    await backend.faults.set({ kind: 'delay', ms: 3_000, count: 1, routes: 'traces' });
    end(t, 3);
    const short = t.flush(50);
    const long = t.flush(20_000);
    const [shortAnswer, longAnswer] = [await short, await long];
    const figures = account(t, 3);
    recorder.add('flush', { scenario: 'flush(50) + flush(20000), export delayed 3 s', created: 3, short: String(shortAnswer), long: String(longAnswer), ...figures });
    expect([shortAnswer, longAnswer]).toEqual([false, true]);
  }, 60_000);

  it('ten concurrent flushes with nothing new cost one export; true only when everything was delivered', async () => {
    const t = tracer('coalesce');
    expect(await t.ready).toBe(true);
    end(t, 4);
    const before = backend.requests().filter((r) => r.route === 'traces').length;
    const answers = await Promise.all(Array.from({ length: 10 }, () => t.flush(20_000)));
    const exports = backend.requests().filter((r) => r.route === 'traces').length - before;
    await backend.faults.set({ kind: 'status', status: 400, count: 1, routes: 'traces' });
    end(t, 2);
    const afterRejection = await t.flush(20_000);
    const figures = account(t, 6);
    recorder.add('flush', { scenario: '10 concurrent flushes, then one after a 400', created: 6, exports, allTrue: String(answers.every(Boolean)), afterRejection: String(afterRejection), ...figures });
    expect(exports).toBe(1);
    expect(answers).toEqual(Array(10).fill(true));
    expect(afterRejection).toBe(false);
    expect(figures).toEqual({ delivered: 4, dropped: 0, failed: 2 });
  }, 60_000);
});

describe('item 5: process exit waits at most the exit budget', () => {
  const SPANS = 25;
  /** Far above the 2 s budget, far below the 30 s the fixture's exports would hold a process. */
  const EXIT_LIMIT_MS = 15_000;
  let silent: { server: Server; url: string; sockets: Socket[] };

  beforeAll(async () => {
    // accepts connections and never answers (a hung backend)
    const sockets: Socket[] = [];
    const server = createServer((socket) => void sockets.push(socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    silent = { server, url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, sockets };
  });

  afterAll(async () => {
    for (const socket of silent.sockets) socket.destroy();
    await new Promise<void>((resolve) => silent.server.close(() => resolve()));
  });

  async function runExit(scenario: string, env: { url: string; spans: number; flushOnExit?: boolean; exitTimeoutMs?: number }) {
    const child = startFixture('exit-budget.js', {
      REL_BACKEND_URL: env.url,
      REL_API_KEY: secretApiKey('exit'),
      REL_SPANS: String(env.spans),
      REL_FLUSH_ON_EXIT: env.flushOnExit === false ? '0' : '1',
      ...(env.exitTimeoutMs === undefined ? {} : { REL_EXIT_TIMEOUT_MS: String(env.exitTimeoutMs) }),
    });
    children.push(child);
    const [, sessionId] = await child.waitForLine(/SESSION=([0-9a-f-]+)\n/);
    await child.waitForLine(/DONE\n/);
    const doneAt = Date.now();
    const killer = setTimeout(() => child.kill(), 60_000); // a safety net far above anything expected
    const ended = await child.exited;
    clearTimeout(killer);
    const exitMs = Date.now() - doneAt;
    const stats = JSON.parse((/STATS=(.*)\n/.exec(child.output()) ?? [])[1] ?? 'null') as TracerStats | null;
    expect(stats).not.toBeNull();
    const delivered = deliveredFor(sessionId!);
    const dropped = { ...stats!.dropped, after_shutdown: stats!.droppedAfterShutdown };
    recorder.add('exit', {
      scenario,
      created: env.spans,
      exitMs,
      delivered,
      dropped: droppedTotal(dropped),
      droppedByReason: dropped,
      failed: stats!.failed,
      pendingAtExit: stats!.queued + stats!.inFlight,
      exitCode: String(ended.code),
    });
    expect(ended).toEqual({ code: 0, signal: null });
    // nothing lost silently: every span is delivered, or counted with a reason
    expect(delivered + droppedTotal(dropped) + stats!.failed).toBe(env.spans);
    expect(stats!.queued + stats!.inFlight).toBe(0);
    return { exitMs, delivered, stats: stats!, output: child.output() };
  }

  it('a working backend: the pending spans are delivered on exit (control)', async () => {
    const result = await runExit('working backend, flushOnExit', { url: backend.httpUrl, spans: SPANS });
    expect(result.delivered).toBe(SPANS);
  }, 90_000);

  it('a backend that refuses connections: exit within the budget, the spans counted as lost at exit', async () => {
    await backend.faults.set({ kind: 'refuse' });
    const result = await runExit('backend refuses, flushOnExit (budget 2 s)', { url: backend.httpUrl, spans: SPANS });
    expect(result.exitMs).toBeLessThan(EXIT_LIMIT_MS);
    expect(result.delivered).toBe(0);
    expect(result.stats.dropped.process_exit + result.stats.failed).toBe(SPANS);
    expect(result.output).toMatch(/span\(s\) not delivered before the process exited/);
  }, 90_000);

  it('a backend that never answers: exit within the budget', async () => {
    const result = await runExit('backend never answers, flushOnExit (budget 2 s)', { url: silent.url, spans: SPANS });
    expect(result.exitMs).toBeLessThan(EXIT_LIMIT_MS);
    expect(result.stats.dropped.process_exit).toBe(SPANS);
  }, 90_000);

  it('the budget is configurable (exitTimeoutMs)', async () => {
    const result = await runExit('backend never answers, exitTimeoutMs 300', { url: silent.url, spans: SPANS, exitTimeoutMs: 300 });
    expect(result.exitMs).toBeLessThan(EXIT_LIMIT_MS);
    expect(result.stats.dropped.process_exit).toBe(SPANS);
  }, 90_000);

  it('flushOnExit false and nothing pending: exits at once, even with an API that never answers', async () => {
    const result = await runExit('nothing pending, API never answers, flushOnExit false', { url: silent.url, spans: 0, flushOnExit: false });
    expect(result.exitMs).toBeLessThan(EXIT_LIMIT_MS);
  }, 90_000);

  it('flushOnExit false with pending spans: exits at once and counts them (never silently)', async () => {
    const result = await runExit('25 pending, working backend, flushOnExit false', { url: backend.httpUrl, spans: SPANS, flushOnExit: false });
    expect(result.exitMs).toBeLessThan(EXIT_LIMIT_MS);
    expect(result.stats.dropped.process_exit).toBe(SPANS);
  }, 90_000);
});
