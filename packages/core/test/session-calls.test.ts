import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { ErrorPolicy } from '@honeyhive/integration';
import { MAX_BODY_CHARS, SessionClient, type ApiResult } from '../src/session-client';
import { TestTracer, collectingLogger, resetOtelGlobals, type CollectingLogger } from './helpers/test-tracer';

// Session and event calls: covered by flush()/shutdown(), one line for a rejected key then a paused breaker,
// failures rate-limited by kind, and bodies kept within the span path's limits (real requests, local backend).

const GOOD_KEY = 'hh-session-calls-key';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

function tracer(options: ConstructorParameters<typeof TestTracer>[0] = {}): TestTracer {
  const created = new TestTracer({
    apiKey: GOOD_KEY,
    serverUrl: backend.httpUrl,
    project: 'session-calls',
    logger: collectingLogger(),
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    ...options,
  });
  tracers.push(created);
  return created;
}

function warnings(logger: CollectingLogger): string[] {
  return logger.lines.filter((line) => line.level === 'warn' || line.level === 'error').map((line) => line.message);
}

function requestsTo(route: 'sessions' | 'events') {
  return backend.requests().filter((request) => request.route === route);
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [GOOD_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

describe('flush() and shutdown() cover the calls made before them', () => {
  it('a short job (constructor, one traced call, shutdown) delivers its session with name, inputs and metadata', async () => {
    const t = tracer({ sessionName: 'short-job', inputs: { question: 'why?' }, metadata: { team: 'search' } });
    t.startSpan('one-call', () => 42);
    // a generous timeout (the default 5 s can run out on a loaded machine): this is about coverage, not time
    expect(await t.shutdown(30_000)).toBe(true);
    expect(backend.session(t.sessionId)).toMatchObject({ session_name: 'short-job', inputs: { question: 'why?' }, metadata: { team: 'search' } });
    expect(t.stats().sessionStarts).toMatchObject({ ok: 1, failed: 0, skipped: 0 });
    expect(t.stats().errors).toEqual({});
  });

  it('flush() right after the constructor resolves once the session start was answered', async () => {
    const t = tracer({ sessionName: 'flushed-at-once' });
    expect(await t.flush(30_000)).toBe(true);
    expect(backend.session(t.sessionId)?.session_name).toBe('flushed-at-once');
  });

  it('flush() waits for an enrichSession nobody awaited, and for createEvent', async () => {
    const t = tracer();
    void t.enrichSession({ metadata: { step: 'late' } });
    void t.createEvent({ eventName: 'tool-call', inputs: { a: 1 } });
    expect(await t.flush(30_000)).toBe(true);
    expect(backend.session(t.sessionId)?.metadata).toMatchObject({ step: 'late' });
    expect(backend.events().map((event) => event.event_name)).toContain('tool-call');
  });

  it('flush() resolves false when a call it waited for failed; calls after shutdown() are skipped and counted', async () => {
    await backend.faults.set({ kind: 'status', status: 400, routes: 'events' });
    const t = tracer();
    void t.enrichSession({ metadata: { doomed: true } });
    expect(await t.flush()).toBe(false);
    await backend.faults.clear();
    expect(await t.shutdown(30_000)).toBe(true);
    expect(await t.enrichSession({ metadata: { after: true } })).toBe(false);
    expect(t.stats().eventUpdates).toMatchObject({ ok: 0, failed: 1, failedBy: { rejected: 1 }, skipped: 1, skippedBy: { shutdown: 1 } });
  });
});

describe('a wrong API key', () => {
  it('gives one line naming the key source, the project and the fix, then pauses session and event calls', async () => {
    const logger = collectingLogger();
    const wrongKey = 'hh-wrong-key-0123456789';
    const t = tracer({ apiKey: wrongKey, project: 'checkout', logger });
    for (let i = 0; i < 100; i++) {
      await t.withSession({ sessionName: `run-${i}` }, () => t.enrichSession({ metadata: { i } }));
    }
    const lines = warnings(logger);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('rejected the API key (401 Unauthorized)');
    expect(lines[0]).toContain('set the apiKey option to an API key of project \'checkout\'');
    expect(lines.join('\n')).not.toContain(wrongKey);

    expect(await t.flush()).toBe(false); // every call answered or skipped; none delivered
    const starts = requestsTo('sessions').length;
    expect(starts).toBeGreaterThanOrEqual(1);
    expect(starts).toBeLessThanOrEqual(2); // the tracer's own start and the first withSession's were in flight together
    expect(requestsTo('events')).toHaveLength(0);
    const stats = t.stats();
    expect(stats.api).toMatchObject({ state: 'paused', reason: 'unauthorized' });
    expect(stats.sessionStarts).toMatchObject({ ok: 0, failed: starts, failedBy: { unauthorized: starts }, skipped: 101 - starts, skippedBy: { unauthorized: 101 - starts } });
    expect(stats.eventUpdates).toMatchObject({ ok: 0, failed: 0, skipped: 100, skippedBy: { unauthorized: 100 } });
    expect(stats.errors['session.start']).toBe(1);
  });

  it('names HH_API_KEY when the key came from the environment', async () => {
    const previous = process.env.HH_API_KEY;
    process.env.HH_API_KEY = 'hh-wrong-env-key';
    try {
      const logger = collectingLogger();
      const t = tracer({ apiKey: undefined, logger });
      expect(await t.ready).toBe(false);
      expect(warnings(logger)).toEqual([expect.stringContaining('set the HH_API_KEY environment variable to an API key of project \'session-calls\'')]);
    } finally {
      if (previous === undefined) delete process.env.HH_API_KEY;
      else process.env.HH_API_KEY = previous;
    }
  });

  it('probes slowly while paused and resumes once a probe is accepted', async () => {
    await backend.faults.set({ kind: 'status', status: 401, routes: 'sessions', count: 2 });
    const logger = collectingLogger();
    const errors: string[] = [];
    const policy = new ErrorPolicy({ logger, onError: (error) => errors.push(error.message) });
    // a manual clock: a probe is due only when the test moves it, however slow the machine
    let clock = 0;
    const client = new SessionClient({ serverUrl: backend.httpUrl, apiKey: GOOD_KEY, timeoutMs: 5_000, clientPackage: 'test', clientVersion: '0', policy, logger, breaker: { firstProbeAfterMs: 50, now: () => clock } });
    const start = (n: number) => client.startSession({ sessionId: `8c1e4a90-3b8e-4d7e-9a0b-6d2f8c1e4a${String(n).padStart(2, '0')}` });
    const results: ApiResult[] = [];
    results.push(await start(0)); // 401: paused
    results.push(await start(1)); // skipped
    expect(client.status().nextProbeInMs).toBe(50);
    clock += 50;
    expect(client.status().nextProbeInMs).toBe(0);
    results.push(await start(2)); // the probe: 401 again, the wait doubles
    expect(client.status()).toMatchObject({ state: 'paused', reason: 'unauthorized' });
    results.push(await start(3)); // skipped
    expect(client.status().nextProbeInMs).toBe(100);
    clock += 100;
    results.push(await start(4)); // the probe: accepted, calls resume
    results.push(await start(5));
    expect(results.map((r) => `${r.outcome}${r.reason === undefined ? '' : `:${r.reason}`}`)).toEqual([
      'failed:unauthorized',
      'skipped:unauthorized',
      'failed:unauthorized',
      'skipped:unauthorized',
      'ok',
      'ok',
    ]);
    expect(client.status()).toEqual({ state: 'ok' });
    expect(requestsTo('sessions').map((r) => r.status)).toEqual([401, 401, 200, 200]);
    expect(client.counts().sessionStarts).toMatchObject({ ok: 2, failed: 2, skipped: 2 });
    expect(warnings(logger)).toEqual([expect.stringContaining('rejected the API key'), expect.stringContaining('accepted again')]);
    expect(errors).toHaveLength(1);
  });
});

describe('failures are rate-limited by kind', () => {
  it('ten updates of different sessions failing the same way log one line', async () => {
    await backend.faults.set({ kind: 'status', status: 400, routes: 'events' });
    const logger = collectingLogger();
    const t = tracer({ logger });
    await t.ready;
    const sessions = Array.from({ length: 10 }, (_, i) => `3f1c7a52-3b8e-4d7e-9a0b-6d2f8c1e4a${String(i).padStart(2, '0')}`);
    const results = await Promise.all(sessions.map((id) => t.enrichSession({ metadata: { a: 1 } }, id)));
    expect(results.every((ok) => !ok)).toBe(true);
    expect(warnings(logger)).toEqual([expect.stringMatching(/^event\.update failed: PUT \/v1\/events\/\{id\} answered 400/)]);
    expect(t.stats().eventUpdates).toMatchObject({ failed: 10, failedBy: { rejected: 10 } });
    expect(t.stats().errors['event.update']).toBe(10);
  });
});

describe('session and event bodies stay within the span limits', () => {
  it('a 10 MB input is cut with a visible marker and the session still starts', async () => {
    const t = tracer({ inputs: { big: 'x'.repeat(10 * 1024 * 1024) } });
    expect(await t.ready).toBe(true);
    const [request] = requestsTo('sessions');
    expect(Number(request?.headers['content-length'])).toBeLessThan(200 * 1024);
    const big = (backend.session(t.sessionId)?.inputs as { big: string }).big;
    expect(big).toMatch(/^x+…\[truncated \d+ chars\]$/);
    expect(t.stats().sessionStarts).toMatchObject({ ok: 1, truncated: 1 });
  });

  it('circular values, a throwing toJSON and a throwing proxy are marked (no user code runs), and every call is delivered', async () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    const badJson = { toJSON: () => { throw new Error('toJSON exploded'); } };
    const trap = () => { throw new Error('proxy trap'); };
    const proxy = new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, has: trap });
    const errors: string[] = [];
    const t = tracer({ inputs: { circular }, metadata: { badJson }, onError: (error) => errors.push(error.message) });
    expect(await t.ready).toBe(true);
    expect(await t.enrichSession({ metadata: { proxy, circular }, outputs: badJson })).toBe(true);
    expect(await t.createEvent({ eventName: 'hostile', inputs: proxy, outputs: circular, metadata: { badJson } })).toEqual(expect.any(String));
    const session = backend.session(t.sessionId);
    expect(session?.inputs).toEqual({ circular: { name: 'loop', self: '[Circular]' } });
    // no user code runs: toJSON is not called, a proxy is not looked into
    expect(session?.metadata).toMatchObject({ badJson: { toJSON: '[Function toJSON]' }, proxy: '[Proxy]' });
    expect(session?.outputs).toEqual({ toJSON: '[Function toJSON]' });
    const [event] = backend.events();
    expect(event).toMatchObject({ inputs: { value: '[Proxy]' }, outputs: { name: 'loop', self: '[Circular]' } });
    const stats = t.stats();
    for (const kind of [stats.sessionStarts, stats.eventUpdates, stats.eventCreates]) expect(kind).toMatchObject({ ok: 1, failed: 0, skipped: 0 });
    expect(errors).toEqual([]);
  });

  it('a body of many long strings is built again with shorter ones to stay under the body limit', async () => {
    const t = tracer();
    const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, 'y'.repeat(70_000)]));
    expect(await t.enrichSession({ metadata: many })).toBe(true);
    const update = requestsTo('events').find((r) => r.method === 'PUT');
    expect(Number(update?.headers['content-length'])).toBeLessThanOrEqual(MAX_BODY_CHARS);
    const metadata = backend.session(t.sessionId)?.metadata as Record<string, string>;
    expect(Object.keys(metadata)).toHaveLength(100);
    expect(metadata.k0).toMatch(/^y+…\[truncated \d+ chars\]$/);
    expect(t.stats().eventUpdates).toMatchObject({ ok: 1, truncated: 1 });
  });

  it('secret keys and the API key are redacted from bodies, as on spans', async () => {
    const t = tracer({ inputs: { password: 'hunter2', note: `my key is ${GOOD_KEY}` } });
    expect(await t.ready).toBe(true);
    expect(await t.enrichSession({ metadata: { api_key: GOOD_KEY, fine: 'yes' } })).toBe(true);
    const session = backend.session(t.sessionId);
    expect(session?.inputs).toEqual({ password: '<redacted>', note: 'my key is <redacted>' });
    expect(session?.metadata).toMatchObject({ api_key: '<redacted>', fine: 'yes' });
    for (const request of backend.requests()) expect(JSON.stringify(request.body ?? null)).not.toContain(GOOD_KEY);
  });

  it('a body that cannot be built at all is counted as failed (invalid_payload), never thrown', async () => {
    const logger = collectingLogger();
    const policy = new ErrorPolicy({ logger });
    const client = new SessionClient({ serverUrl: backend.httpUrl, apiKey: GOOD_KEY, timeoutMs: 5_000, clientPackage: 'test', clientVersion: '0', policy, logger });
    const trap = () => { throw new Error('proxy trap'); };
    const hostile = new Proxy({}, { get: trap, ownKeys: trap, getPrototypeOf: trap, getOwnPropertyDescriptor: trap, has: trap });
    const result = await client.createEvent(hostile as never);
    expect(result).toMatchObject({ ok: false, outcome: 'failed', reason: 'invalid_payload' });
    expect(client.counts().eventCreates).toMatchObject({ ok: 0, failed: 1, failedBy: { invalid_payload: 1 } });
    expect(policy.counts()['event.create']).toBe(1);
    expect(requestsTo('events')).toHaveLength(0);
  });
});
