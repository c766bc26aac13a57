import { createServer, type Server, type Socket } from 'node:net';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { CallCounts, HoneyHiveTracer } from '@honeyhive/tracer';
import { HOSTILE_VALUES } from '../src/hostile-values';
import { CapturingLogger } from '../src/log-capture';
import { ResultRecorder, type FigureRow } from '../src/results';
import { StrayErrorCollector } from '../src/stray-errors';
import { createReliabilityTracer, secretApiKey } from '../src/tracer-factory';
import { ensureTracerBuilt, startFixture, type Child } from './support/child-process';

// Session and event calls (not spans): what user code awaits keeps the process alive and what nobody awaits
// does not (child processes on the built packages, fixtures/api-await.js); a wrong API key gives one line and
// pauses the calls; hostile and huge values never cost a call. Every call is accounted for:
// created = delivered + dropped (skipped, by reason) + failed (by reason).

const recorder = new ResultRecorder('api-calls');
const GOOD_KEY = secretApiKey('api-good');
let backend: LocalBackend;
const children: Child[] = [];
const tracers: HoneyHiveTracer[] = [];

beforeAll(async () => {
  ensureTracerBuilt();
  backend = await startLocalBackend({ apiKeys: [GOOD_KEY] });
}, 120_000);

afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown(2_000)));
  await backend.reset();
});

afterAll(async () => {
  for (const child of children) child.kill();
  await backend?.stop();
  recorder.flush();
});

/** A port nothing listens on (bound by the OS, then closed). */
async function deadUrl(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

/** A server that accepts connections and never answers. */
async function silentServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function runFixture(env: Record<string, string>): Promise<{ code: number | null; output: string; seconds: number }> {
  const started = Date.now();
  const child = startFixture('api-await.js', { REL_API_KEY: GOOD_KEY, REL_API_TIMEOUT_MS: '3000', ...env });
  children.push(child);
  const ended = await child.exited;
  return { code: ended.code, output: child.output(), seconds: Math.round((Date.now() - started) / 100) / 10 };
}

describe('awaited calls keep the process alive; background calls do not (child processes)', () => {
  it.each([
    ['init() against a port nobody listens on', 'dead', undefined],
    ['init() against an API answering 503', 'backend', { kind: 'status', status: 503, routes: 'sessions' }],
    ['init() against an API answering 500', 'backend', { kind: 'status', status: 500, routes: 'sessions' }],
    ['init() against an API answering 429', 'backend', { kind: 'status', status: 429, routes: 'sessions' }],
    ['init() against an API resetting connections', 'backend', { kind: 'reset', routes: 'sessions' }],
  ] as const)('%s: the line after the await runs', async (scenario, target, fault) => {
    if (fault !== undefined) await backend.faults.set(fault);
    const url = target === 'dead' ? await deadUrl() : backend.httpUrl;
    const run = await runFixture({ REL_SCENARIO: 'init', REL_BACKEND_URL: url });
    const printed = /AFTER_INIT ready=false starts=(.*)\n/.exec(run.output);
    recorder.add('awaited', { scenario, printedNextLine: printed !== null, exitCode: String(run.code), seconds: run.seconds });

    expect(run.output).toMatch(/AFTER_INIT ready=false/);
    expect(run.code).toBe(0);
    expect(JSON.parse(printed![1]!)).toMatchObject({ ok: 0, failed: 1 });
  }, 60_000);

  it('await enrichSession() against an API answering 503: the line after the await runs', async () => {
    await backend.faults.set({ kind: 'status', status: 503, routes: ['sessions', 'events'] });
    const run = await runFixture({ REL_SCENARIO: 'enrich', REL_BACKEND_URL: backend.httpUrl });
    recorder.add('awaited', { scenario: 'await enrichSession() against 503', printedNextLine: run.output.includes('AFTER_ENRICH'), exitCode: String(run.code), seconds: run.seconds });

    expect(run.output).toMatch(/AFTER_ENRICH ok=false updates=\{"ok":0,"failed":1/);
    expect(run.code).toBe(0);
  }, 60_000);

  it.each([
    ['flushOnExit: false', '0'],
    ['flushOnExit: true (the exit budget bounds the wait)', '1'],
  ])('a tracer constructed against an API that never answers lets the process end (%s)', async (label, flushOnExit) => {
    const silent = await silentServer();
    try {
      // the API timeout (10 min) is far beyond this test's own timeout: only a process that does not wait for
      // the background session start ends in time
      const run = await runFixture({ REL_SCENARIO: 'construct', REL_BACKEND_URL: silent.url, REL_API_TIMEOUT_MS: '600000', REL_FLUSH_ON_EXIT: flushOnExit });
      recorder.add('awaited', { scenario: `constructor only, API never answers, ${label}`, printedNextLine: run.output.includes('CONSTRUCTED'), exitCode: String(run.code), seconds: run.seconds });

      expect(run.output).toContain('CONSTRUCTED');
      expect(run.code).toBe(0);
    } finally {
      await silent.close();
    }
  }, 60_000);

  it('a script that ends without shutdown() still delivers its session start on exit (slow API, default flushOnExit)', async () => {
    await backend.faults.set({ kind: 'delay', ms: 300, routes: 'sessions' });
    const run = await runFixture({ REL_SCENARIO: 'construct', REL_BACKEND_URL: backend.httpUrl });
    const sessionId = /CONSTRUCTED session=(\S+)\n/.exec(run.output)?.[1];
    // the delayed answer is stored, or recorded as aborted when the client had gone (the safety net only bounds a hang)
    const stored = () => (sessionId === undefined ? undefined : backend.session(sessionId));
    await backend.waitFor(() => stored() ?? backend.requests().find((r) => r.route === 'sessions' && r.outcome === 'aborted'), 20_000).catch(() => undefined);
    const session = stored();
    recorder.add('awaited', { scenario: 'constructor only, API answers in 300 ms, script ends', sessionDelivered: session !== undefined, exitCode: String(run.code), seconds: run.seconds });

    expect(run.code).toBe(0);
    expect(session?.session_name).toBe('constructed-only');
  }, 60_000);

  it('an enrichSession() made in a beforeExit listener after the tracer\'s own exit flush is still delivered', async () => {
    await backend.faults.set({ kind: 'delay', ms: 300, routes: 'events' });
    const run = await runFixture({ REL_SCENARIO: 'late-enrich', REL_BACKEND_URL: backend.httpUrl });
    const sessionId = /CONSTRUCTED session=(\S+)\n/.exec(run.output)?.[1];
    const late = () => (sessionId === undefined ? undefined : backend.session(sessionId)?.metadata?.late);
    await backend.waitFor(() => late() ?? backend.requests().find((r) => r.route === 'events' && r.outcome === 'aborted'), 20_000).catch(() => undefined);
    recorder.add('awaited', { scenario: 'enrichSession in a late beforeExit listener, API answers in 300 ms', sessionDelivered: late() === true, exitCode: String(run.code), seconds: run.seconds });

    expect(run.code).toBe(0);
    expect(late()).toBe(true);
  }, 60_000);
});

/** The backend's view: session and event requests it answered 2xx, and the largest body. */
function backendCalls(): { delivered: number; sent: number; sessionStartsSent: number; maxBodyBytes: number } {
  const calls = backend.requests().filter((r) => r.route === 'sessions' || r.route === 'events');
  return {
    delivered: calls.filter((r) => typeof r.status === 'number' && r.status >= 200 && r.status < 300).length,
    sent: calls.length,
    sessionStartsSent: calls.filter((r) => r.route === 'sessions' && r.method === 'POST').length,
    maxBodyBytes: Math.max(0, ...calls.map((r) => Number(r.headers['content-length'] ?? 0))),
  };
}

function sumBy(counts: CallCounts[], key: 'failedBy' | 'skippedBy'): Record<string, number> {
  const out: Record<string, number> = {};
  for (const c of counts) for (const [reason, n] of Object.entries(c[key])) out[reason] = (out[reason] ?? 0) + (n ?? 0);
  return out;
}

function callAccount(tracer: HoneyHiveTracer, created: number): { row: FigureRow; ok: number; failed: number; dropped: number } {
  const stats = tracer.stats();
  const kinds = [stats.sessionStarts, stats.eventUpdates, stats.eventCreates];
  const ok = kinds.reduce((n, c) => n + c.ok, 0);
  const failed = kinds.reduce((n, c) => n + c.failed, 0);
  const dropped = kinds.reduce((n, c) => n + c.skipped, 0);
  const seen = backendCalls();
  return {
    ok,
    failed,
    dropped,
    row: {
      created,
      delivered: seen.delivered,
      dropped,
      droppedByReason: sumBy(kinds, 'skippedBy'),
      failed,
      failedByReason: sumBy(kinds, 'failedBy'),
      balanced: created === seen.delivered + dropped + failed && ok === seen.delivered,
      truncatedBodies: kinds.reduce((n, c) => n + c.truncated, 0),
      requestsSent: seen.sent,
      sessionStartsSent: seen.sessionStartsSent,
      maxBodyBytes: seen.maxBodyBytes,
    },
  };
}

describe('a wrong API key', () => {
  it('100 sessions enriched with a wrong key: one line, the calls paused, every call counted with its reason', async () => {
    const logger = new CapturingLogger();
    const wrongKey = secretApiKey('wrong');
    const tracer = createReliabilityTracer(backend, { apiKey: wrongKey, logger, project: 'reliability-wrong-key' });
    tracers.push(tracer);
    const strays = new StrayErrorCollector().install();
    for (let i = 0; i < 100; i++) {
      await tracer.withSession({ sessionName: `wrong-key-${i}` }, () => tracer.enrichSession({ metadata: { i } }));
    }
    expect(await tracer.flush(10_000)).toBe(false);
    strays.uninstall();
    const created = 1 + 100 + 100; // the tracer's own session start, 100 session starts, 100 updates
    const { row, ok, failed, dropped } = callAccount(tracer, created);
    const lines = logger.lines.filter((line) => line.level === 'warn' || line.level === 'error');
    recorder.add('calls', { scenario: '100 x withSession + enrichSession, wrong key', ...row, warningLines: lines.length, api: tracer.stats().api.state });

    expect(lines).toHaveLength(1);
    expect(lines[0]!.text).toContain('rejected the API key');
    expect(lines[0]!.text).toContain("project 'reliability-wrong-key'");
    expect(logger.text()).not.toContain(wrongKey);
    expect(row.sessionStartsSent).toBeLessThanOrEqual(2);
    expect(ok).toBe(0);
    expect(failed + dropped).toBe(created);
    expect(row.droppedByReason).toEqual({ unauthorized: dropped });
    expect(row.failedByReason).toEqual({ unauthorized: failed });
    expect(row.balanced).toBe(true);
    expect(tracer.stats().api).toMatchObject({ state: 'paused', reason: 'unauthorized' });
    expect(strays.errors).toEqual([]);
  }, 60_000);
});

describe('hostile and huge values in session and event calls', () => {
  const circular = (): unknown => {
    const node: Record<string, unknown> = { name: 'root' };
    node.self = node;
    return node;
  };
  const trap = (): never => {
    throw new Error('proxy trap');
  };
  const cases: ReadonlyArray<readonly [string, () => unknown]> = [
    ['10 MB string', () => 'x'.repeat(10 * 1024 * 1024)],
    ['circular object', circular],
    ['throwing toJSON', () => ({ toJSON: () => trap() })],
    ['proxy throwing on every trap', () => new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, has: trap, getOwnPropertyDescriptor: trap })],
    ...HOSTILE_VALUES,
  ];

  it.each(cases)('%s: the session start, its update and an event are all delivered, within the size limits', async (name, build) => {
    const strays = new StrayErrorCollector().install();
    const reported: Error[] = [];
    const tracer = createReliabilityTracer(backend, { apiKey: GOOD_KEY, logger: new CapturingLogger(), onError: (error) => reported.push(error), inputs: { value: build() }, metadata: { value: build() } });
    tracers.push(tracer);
    const ready = await tracer.ready;
    const enriched = await tracer.enrichSession({ metadata: { value: build() }, outputs: build() });
    const eventId = await tracer.createEvent({ eventName: 'hostile', inputs: build(), outputs: build() });
    expect(await tracer.flush(10_000)).toBe(true);
    strays.uninstall();
    const { row, failed, dropped } = callAccount(tracer, 3);
    recorder.add('calls', { scenario: `hostile value: ${name}`, ...row });

    expect([ready, enriched, typeof eventId]).toEqual([true, true, 'string']);
    expect(row.delivered).toBe(3);
    expect([failed, dropped]).toEqual([0, 0]);
    expect(row.balanced).toBe(true);
    expect(row.maxBodyBytes).toBeLessThan(2.5 * 1024 * 1024);
    expect(reported).toEqual([]);
    expect(strays.errors).toEqual([]);
  }, 60_000);
});
