import { SpanKind, trace } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals, sleep } from './helpers/test-tracer';

const API_KEY = 'hh-spans-test-key';
let backend: LocalBackend;
let t: TestTracer;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
beforeEach(() => {
  t = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'spans', source: 'unit', logger: collectingLogger() });
});
afterEach(async () => {
  await t.shutdown();
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

async function exported(count: number) {
  await t.flush();
  const spans = await backend.waitForSpans(count);
  return Object.fromEntries(spans.map((span) => [span.name, span]));
}

describe('startSpan with a function', () => {
  it('returns the same value from a sync function and ends the span', async () => {
    const value = { answer: 42 };
    const result = t.startSpan('sync-work', { eventType: 'tool', inputs: { q: 'x' } }, (span) => {
      expect(span.isRecording()).toBe(true);
      expect(trace.getActiveSpan()).toBe(span);
      return value;
    });
    expect(result).toBe(value);
    const { 'sync-work': span } = await exported(1);
    expect(span?.attributes).toMatchObject({
      'honeyhive_event_type': 'tool',
      'honeyhive_inputs.q': 'x',
      'honeyhive.session_id': t.sessionId,
      'honeyhive.project': 'spans',
      'honeyhive.source': 'unit',
    });
    expect(span?.status.code).toBe(0);
  });

  it('returns the same promise from an async function and ends the span when it settles', async () => {
    const promise = t.startSpan('async-work', async () => {
      await sleep(20);
      return 'done';
    });
    expect(promise).toBeInstanceOf(Promise);
    await expect(promise).resolves.toBe('done');
    const { 'async-work': span } = await exported(1);
    expect(span?.durationMs).toBeGreaterThanOrEqual(15);
  });

  it('rethrows the same error object (sync) and marks the span ERROR on the backend', async () => {
    class QuotaError extends Error {}
    const error = new QuotaError('quota exceeded');
    let caught: unknown;
    try {
      t.startSpan('sync-fail', () => {
        throw error;
      });
    } catch (thrown) {
      caught = thrown;
    }
    expect(caught).toBe(error);
    const { 'sync-fail': span } = await exported(1);
    expect(span?.status).toEqual({ code: 2, message: 'quota exceeded' });
    expect(span?.attributes).toMatchObject({ honeyhive_error: 'quota exceeded', honeyhive_error_type: 'QuotaError' });
    expect(span?.events.map((e) => e.name)).toEqual(['exception']);
  });

  it('rejects with the same error object (async) and marks the span ERROR', async () => {
    const error = new TypeError('bad input');
    const promise = t.startSpan('async-fail', async () => {
      await sleep(5);
      throw error;
    });
    await expect(promise).rejects.toBe(error);
    const { 'async-fail': span } = await exported(1);
    expect(span?.status.code).toBe(2);
    expect(span?.attributes).toMatchObject({ honeyhive_error: 'bad input', honeyhive_error_type: 'TypeError' });
  });

  it('returns a result whose then getter throws unchanged, without throwing, and ends the span', async () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('hostile getter'); } });
    expect(t.startSpan('hostile-result', {}, () => hostile)).toBe(hostile);
    const { 'hostile-result': span } = await exported(1);
    expect(span?.name).toBe('hostile-result');
  });

  it('nests spans started inside the function under it', async () => {
    t.startSpan('outer', () => t.startSpan('inner', () => undefined));
    const spans = await exported(2);
    expect(spans.inner?.parentSpanId).toBe(spans.outer?.spanId);
    expect(spans.inner?.traceId).toBe(spans.outer?.traceId);
  });
});

describe('startSpan without a function', () => {
  it('returns a span the caller ends, with kind and attributes', async () => {
    const span = t.startSpan('manual', { kind: SpanKind.CLIENT, attributes: { custom: 'yes' }, metadata: { step: 1 } });
    expect(trace.getActiveSpan()).toBeUndefined();
    span.setAttribute('late', true);
    span.end();
    const { manual } = await exported(1);
    expect(manual?.kind).toBe(3);
    expect(manual?.attributes).toMatchObject({ custom: 'yes', late: true, 'honeyhive_metadata.step': 1 });
  });

  it('keeps the session and project on a span whose captured values fill maxAttributes', async () => {
    const small = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'full', source: 'unit', maxAttributes: 20, logger: collectingLogger() });
    try {
      const many = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
      small.startSpan('crowded', { eventType: 'tool', config: many, metadata: many }, () => undefined);
      await small.flush();
      const [crowded] = await backend.waitForSpans(1);
      const captured = Object.keys(crowded?.attributes ?? {}).filter((key) => /^honeyhive_(config|metadata)\./.test(key));
      expect(captured).toHaveLength(20);
      expect(crowded?.attributes).toMatchObject({
        'honeyhive.session_id': small.sessionId,
        'honeyhive.project': 'full',
        honeyhive_event_type: 'tool',
      });
      expect(small.stats().dropped).toMatchObject({ no_session: 0 });
    } finally {
      await small.shutdown();
    }
  });

  it('startActiveSpan follows the OpenTelemetry signature', async () => {
    const value = t.startActiveSpan('active', { eventName: 'Active step' }, (span) => {
      expect(trace.getActiveSpan()).toBe(span);
      span.end();
      return 7;
    });
    expect(value).toBe(7);
    const { active } = await exported(1);
    expect(active?.attributes.honeyhive_event_name).toBe('Active step');
  });
});

describe('enrichment and events', () => {
  it('enrichSpan writes flattened fields on the active span of this tracer only', async () => {
    expect(t.enrichSpan({ metadata: { outside: true } })).toBe(false);
    const other = new TestTracer({ testMode: true, logger: collectingLogger() });
    try {
      t.startSpan('enriched', () => {
        expect(t.enrichSpan({ outputs: { text: 'hi' }, metrics: { score: 0.9 }, feedback: { liked: true }, config: { model: 'm' }, userProperties: { tier: 'gold' } })).toBe(true);
        other.startSpan('other-tracer', () => {
          expect(t.enrichSpan({ metadata: { wrong: true } })).toBe(false);
        });
      });
    } finally {
      await other.shutdown();
    }
    const { enriched } = await exported(1);
    expect(enriched?.attributes).toMatchObject({
      'honeyhive_outputs.text': 'hi',
      'honeyhive_metrics.score': 0.9,
      'honeyhive_feedback.liked': true,
      'honeyhive_config.model': 'm',
      'honeyhive_user_properties.tier': 'gold',
    });
    expect(enriched?.attributes['honeyhive_metadata.wrong']).toBeUndefined();
  });

  it("enrichSpan and startSpan inputs go through the tracer's mask", async () => {
    const masked = new TestTracer({
      apiKey: API_KEY,
      serverUrl: backend.httpUrl,
      logger: collectingLogger(),
      mask: (key: string, value: unknown) => (key === 'email' ? '[redacted]' : value),
    });
    try {
      masked.startSpan('masked-span', { inputs: { email: 'a@b.c', q: 'x' } }, () => {
        expect(masked.enrichSpan({ outputs: { email: 'x@y.z', text: 'ok' } })).toBe(true);
      });
      await masked.flush();
    } finally {
      await masked.shutdown();
    }
    const [span] = (await backend.waitForSpans(1)).filter((s) => s.name === 'masked-span');
    expect(span?.attributes).toMatchObject({
      'honeyhive_inputs.email': '[redacted]',
      'honeyhive_inputs.q': 'x',
      'honeyhive_outputs.email': '[redacted]',
      'honeyhive_outputs.text': 'ok',
    });
    expect(JSON.stringify(span?.attributes)).not.toContain('a@b.c');
  });

  it('enrichSession merges metadata and replaces outputs on the backend', async () => {
    await t.ready;
    expect(await t.enrichSession({ metadata: { a: 1 }, outputs: { answer: 'first' } })).toBe(true);
    expect(await t.enrichSession({ metadata: { b: 2 }, outputs: 'plain text', inputs: { late: 'input' }, feedback: { rating: 5 } })).toBe(true);
    const session = backend.session(t.sessionId);
    expect(session?.metadata).toEqual({ a: 1, b: 2, inputs: { late: 'input' } });
    expect(session?.outputs).toEqual({ value: 'plain text' });
    expect(session?.feedback).toEqual({ rating: 5 });
    const update = backend.requests().find((r) => r.method === 'PUT');
    expect(update?.path).toBe(`/v1/events/${t.sessionId}`);
  });

  it('enrichSession of a withSession scope goes to that session', async () => {
    let inner = '';
    await t.withSession({ sessionName: 'scoped' }, async (sessionId) => {
      inner = sessionId;
      await t.createSession({ sessionId }); // make sure the start request has landed
      expect(await t.enrichSession({ metadata: { scoped: true } })).toBe(true);
    });
    expect(backend.session(inner)?.metadata).toEqual({ scoped: true });
    expect(backend.session(t.sessionId)?.metadata ?? {}).not.toHaveProperty('scoped');
  });

  it('enrichSession right after withSession waits for that session to start (no 404 race)', async () => {
    await t.ready; // the tracer's own session start must not take the fault below
    // the session start is held back at the backend, so an update that did not wait would reach it first
    await backend.faults.set({ kind: 'delay', ms: 300, routes: 'sessions', count: 1 });
    let inner = '';
    const enriched = await t.withSession({ sessionName: 'racing' }, async (sessionId) => {
      inner = sessionId;
      return t.enrichSession({ metadata: { early: true } });
    });
    expect(enriched).toBe(true);
    expect(backend.session(inner)?.metadata).toEqual({ early: true });
    const calls = backend.requests().filter((r) => r.path.includes(inner)).map((r) => `${r.method} ${r.status}`);
    expect(calls).toEqual(['PUT 200']);
  });

  it('createEvent posts an event under the active span and returns its id', async () => {
    await t.ready;
    let spanId = '';
    const eventId = await t.startSpan('parent', async (span) => {
      spanId = span.spanContext().spanId;
      return t.createEvent({ eventName: 'lookup', eventType: 'tool', inputs: { q: 1 }, outputs: 'x', durationMs: 3 });
    });
    expect(typeof eventId).toBe('string');
    const [event] = backend.events();
    expect(event).toMatchObject({ event_id: eventId, session_id: t.sessionId, parent_id: spanId, event_type: 'tool', event_name: 'lookup', inputs: { q: 1 }, outputs: { value: 'x' }, duration: 3, createdVia: 'v1' });
  });
});
