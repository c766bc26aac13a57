import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { isValidSessionId } from '@honeyhive/utils';
import { TRACER_VERSION } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

const API_KEY = 'hh-session-test-key';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

function tracer(options: ConstructorParameters<typeof TestTracer>[0] = {}): TestTracer {
  const created = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'sessions', logger: collectingLogger(), ...options });
  tracers.push(created);
  return created;
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

describe('session start', () => {
  it('posts the bare session object to /v1/sessions with the client headers', async () => {
    const t = tracer({
      sessionName: 'nightly-run',
      source: 'staging',
      inputs: { question: 'why?' },
      metadata: { team: 'search' },
      userProperties: { plan: 'pro' },
    });
    const before = Date.now();
    expect(await t.ready).toBe(true);
    expect(isValidSessionId(t.sessionId)).toBe(true);
    expect(t.sessionId).toBe(t.sessionId.toLowerCase());

    const [request] = backend.requests().filter((r) => r.route === 'sessions');
    expect(request?.path).toBe('/v1/sessions');
    expect(request?.method).toBe('POST');
    expect(request?.apiKey).toBe(API_KEY);
    expect(request?.headers['content-type']).toContain('application/json');
    expect(request?.client).toMatchObject({ package: '@honeyhive/tracer', version: TRACER_VERSION, language: 'typescript' });
    const body = request?.body as Record<string, unknown>;
    expect(body).toEqual({
      session_id: t.sessionId,
      session_name: 'nightly-run',
      source: 'staging',
      project: 'sessions',
      inputs: { question: 'why?' },
      metadata: { team: 'search' },
      user_properties: { plan: 'pro' },
      start_time: expect.any(Number),
    });
    expect(body.start_time as number).toBeGreaterThanOrEqual(before - 1000);
    expect(backend.session(t.sessionId)).toMatchObject({ session_name: 'nightly-run', createdVia: 'v1', startCount: 1 });
    expect(t.stats().sessionStarts).toEqual({ ok: 1, failed: 0, skipped: 0, failedBy: {}, skippedBy: {}, truncated: 0 });
  });

  it('falls back to the legacy /session/start route when /v1/sessions answers 404', async () => {
    await backend.faults.set({ kind: 'status', status: 404, routes: 'sessions', count: 1 });
    const t = tracer({ sessionName: 'legacy' });
    expect(await t.ready).toBe(true);
    const paths = backend.requests().filter((r) => r.route === 'sessions').map((r) => `${r.path} ${r.status}`);
    expect(paths).toEqual(['/v1/sessions 404', '/session/start 200']);
    const legacy = backend.requests().find((r) => r.path === '/session/start');
    expect(legacy?.body).toEqual({ session: expect.objectContaining({ session_id: t.sessionId, session_name: 'legacy', project: 'sessions' }) });
    expect(backend.session(t.sessionId)).toMatchObject({ createdVia: 'legacy' });
  });

  it('counts a failed start, reports it once, and keeps the client-generated id', async () => {
    await backend.faults.set({ kind: 'status', status: 500, routes: 'sessions' });
    const logger = collectingLogger();
    const errors: string[] = [];
    const t = tracer({ logger, apiTimeoutMs: 2000, onError: (error, info) => errors.push(`${info.operation}: ${error.message}`) });
    const id = t.sessionId;
    expect(await t.ready).toBe(false);
    expect(t.sessionId).toBe(id);
    expect(t.stats().sessionStarts).toEqual({ ok: 0, failed: 1, skipped: 0, failedBy: { server_error: 1 }, skippedBy: {}, truncated: 0 });
    expect(t.stats().errors['session.start']).toBe(1);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('session.start: POST /v1/sessions answered 500');
    // retried within the budget, then gave up; the spans still carry the client's id
    expect(backend.requests().filter((r) => r.route === 'sessions').length).toBeGreaterThan(1);
    expect(logger.at('warn').join('\n')).not.toContain(API_KEY);
    await backend.faults.clear();
    t.startSpan('after-failure', () => undefined);
    await t.flush();
    const [span] = await backend.waitForSpans(1);
    expect(span?.attributes['honeyhive.session_id']).toBe(id);
  });

  it('honours Retry-After on 429 and then succeeds', async () => {
    await backend.faults.set({ kind: 'status', status: 429, retryAfterSeconds: 0, routes: 'sessions', count: 1 });
    const t = tracer();
    expect(await t.ready).toBe(true);
    expect(backend.requests().filter((r) => r.route === 'sessions').map((r) => r.status)).toEqual([429, 200]);
  });

  it('sends nothing in test mode and still resolves ready', async () => {
    const t = tracer({ testMode: true, apiKey: undefined, serverUrl: backend.httpUrl });
    expect(await t.ready).toBe(true);
    t.startSpan('memory-only', () => 42);
    await t.flush();
    expect(t.getTestSpans().map((s) => s.name)).toEqual(['memory-only']);
    expect(backend.requests()).toEqual([]);
  });
});
