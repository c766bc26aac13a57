import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

let frontendBackend: LocalBackend;
let workerBackend: LocalBackend;
let frontend: TestTracer;
let worker: TestTracer;

beforeAll(async () => {
  frontendBackend = await startLocalBackend({ apiKeys: ['front-key'] });
  workerBackend = await startLocalBackend({ apiKeys: ['worker-key'] });
});
beforeEach(() => {
  frontend = new TestTracer({ apiKey: 'front-key', serverUrl: frontendBackend.httpUrl, project: 'front', source: 'prod', logger: collectingLogger() });
  worker = new TestTracer({ apiKey: 'worker-key', serverUrl: workerBackend.httpUrl, project: 'worker', source: 'prod', logger: collectingLogger() });
});
afterEach(async () => {
  await Promise.all([frontend.shutdown(), worker.shutdown()]);
  await Promise.all([frontendBackend.reset(), workerBackend.reset()]);
  resetOtelGlobals();
});
afterAll(async () => {
  await Promise.all([frontendBackend.stop(), workerBackend.stop()]);
});

describe('inject / extract across two tracers', () => {
  it('continues the trace and the session in the other tracer', async () => {
    let headers: Record<string, string> = {};
    let sessionId = '';
    let parentSpanId = '';
    let traceId = '';
    frontend.withSession({ sessionName: 'checkout' }, (id) => {
      sessionId = id;
      frontend.startSpan('call-worker', (span) => {
        parentSpanId = span.spanContext().spanId;
        traceId = span.spanContext().traceId;
        headers = frontend.setBaggage({ tenant: 'acme' }, () => frontend.inject());
      });
    });
    // sampled (01) and random (02): the trace id was generated at random here
    expect(headers.traceparent).toBe(`00-${traceId}-${parentSpanId}-03`);
    expect(headers.baggage).toContain(`session_id=${sessionId}`);
    expect(headers.baggage).toContain('project=front');
    expect(headers.baggage).toContain('tenant=acme');

    const result = worker.withDistributedContext(headers, () => {
      expect(worker.currentSessionId()).toBe(sessionId);
      expect(worker.getBaggage('tenant')).toBe('acme');
      return worker.startSpan('handle', () => 'handled');
    });
    expect(result).toBe('handled');
    // outside the distributed context the worker is back to its own session
    expect(worker.currentSessionId()).toBe(worker.sessionId);

    await Promise.all([frontend.flush(), worker.flush()]);
    const [handled] = await workerBackend.waitForSpans(1);
    expect(handled?.traceId).toBe(traceId);
    expect(handled?.parentSpanId).toBe(parentSpanId);
    expect(handled?.attributes).toMatchObject({
      'honeyhive.session_id': sessionId,
      'honeyhive.project': 'worker',
      'baggage.tenant': 'acme',
    });
    const [call] = await frontendBackend.waitForSpans(1);
    expect(call?.attributes['honeyhive.session_id']).toBe(sessionId);
  });

  it('accepts the Python SDK baggage variants and ignores garbage', () => {
    const sessionId = 'A1B2C3D4-0000-4000-8000-00000000000A';
    const ctx = worker.extract({ baggage: `honeyhive_session_id=${sessionId},run_id=run-7` });
    expect(worker.currentSessionId(ctx)).toBe(sessionId.toLowerCase());
    const garbage = worker.extract({ traceparent: 'not-a-traceparent', baggage: ';;;=' });
    expect(worker.currentSessionId(garbage)).toBe(worker.sessionId);
    expect(worker.withDistributedContext({}, () => worker.currentSessionId())).toBe(worker.sessionId);
  });

  it('refuses secret-like baggage keys and the API key itself', async () => {
    const logger = collectingLogger();
    const t = new TestTracer({ testMode: true, apiKey: 'sk-live-secret', logger });
    try {
      const headers = t.setBaggage({ api_key: 'x', access_token: 'y', note: 'sk-live-secret', user: 'u1' }, () => {
        expect(t.getBaggage('user')).toBe('u1');
        expect(t.getBaggage('api_key')).toBeUndefined();
        return t.inject();
      });
      expect(headers.baggage).toContain('user=u1');
      expect(headers.baggage).not.toMatch(/api_key|access_token|sk-live-secret/);
      expect(t.stats().errors.setBaggage).toBe(3);
      expect(logger.lines.map((l) => l.message).join('\n')).not.toContain('sk-live-secret');
    } finally {
      await t.shutdown();
    }
  });
});
