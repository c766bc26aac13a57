import { enrichSession } from '@honeyhive/instrumentation';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend } from '@honeyhive/local-backend';
import { HoneyHiveTracer } from '@honeyhive/tracer';

// enrichSession (the free function of @honeyhive/instrumentation) through a HoneyHiveTracer's
// enrichSession (PUT /v1/events/{session_id}) into the local backend's session records.

let backend: LocalBackend;
let tracer: HoneyHiveTracer;
const warnings: string[] = [];
const logger = {
  debug: () => {},
  info: () => {},
  warn: (msg: string) => warnings.push(msg),
  error: (msg: string) => warnings.push(msg),
};

beforeAll(async () => {
  backend = await startLocalBackend();
  tracer = await HoneyHiveTracer.init({
    apiKey: 'hh-e2e-key',
    serverUrl: backend.httpUrl,
    project: 'e2e-enrich',
    source: 'e2e',
    sessionName: 'e2e-enrich',
    metadata: { startedBy: 'e2e' },
    flushOnExit: false,
    logger,
  });
});

afterAll(async () => {
  await tracer?.shutdown();
  await backend?.stop();
});

function updatesOf(sessionId: string): unknown[] {
  return backend
    .requests()
    .filter((request) => request.method === 'PUT' && request.path === `/v1/events/${sessionId}`)
    .map((request) => request.body);
}

describe('enrichSession end to end', () => {
  it("merges metadata, replaces outputs and keeps inputs under metadata.inputs, in the tracer's session", async () => {
    const sessionId = tracer.sessionId;
    expect(backend.session(sessionId)?.metadata).toEqual({ startedBy: 'e2e' });

    await expect(
      enrichSession(
        {
          metadata: { tier: 'pro', nested: { a: 1 } },
          inputs: { question: 'why?' },
          outputs: { answer: 42 },
          feedback: { rating: 4 },
          metrics: { latencyMs: 120 },
          config: { model: 'gpt-4o-mini' },
          userProperties: { plan: 'team' },
        },
        { tracer },
      ),
    ).resolves.toBe(true);
    await expect(
      enrichSession({ metadata: { nested: { b: 2 }, step: 2 }, outputs: 'final text', feedback: { comment: 'ok' } }, { tracer }),
    ).resolves.toBe(true);

    const session = backend.session(sessionId);
    expect(session?.metadata).toEqual({
      startedBy: 'e2e',
      tier: 'pro',
      nested: expect.objectContaining({ b: 2 }),
      inputs: { question: 'why?' },
      step: 2,
    });
    expect(session?.outputs).toEqual({ value: 'final text' });
    expect(session?.feedback).toEqual({ rating: 4, comment: 'ok' });
    expect(session?.metrics).toEqual({ latencyMs: 120 });
    expect(session?.config).toEqual({ model: 'gpt-4o-mini' });
    expect(session?.user_properties).toEqual({ plan: 'team' });
    expect(session?.updateCount).toBe(2);
    expect(session?.inputs).toEqual({});

    const [first] = updatesOf(sessionId) as Array<Record<string, unknown>>;
    expect(first?.outputs).toEqual({ answer: 42 });
    expect(first).not.toHaveProperty('inputs');
  });

  it('finds the tracer on its own (the default tracer) and updates the withSession session', async () => {
    const sessionId = await tracer.withSession({ sessionName: 'e2e-enrich-scoped' }, async (id) => {
      // The session start goes out in the background; an update that overtakes it gets 404 from the
      // backend, so wait until the backend knows the session.
      await backend.waitFor(() => backend.session(id));
      await expect(enrichSession({ metadata: { scoped: true }, outputs: { done: true } })).resolves.toBe(true);
      return id;
    });

    expect(sessionId).not.toBe(tracer.sessionId);
    expect(backend.session(sessionId)).toMatchObject({
      session_name: 'e2e-enrich-scoped',
      metadata: { scoped: true },
      outputs: { done: true },
    });
    expect(backend.session(tracer.sessionId)?.metadata).not.toHaveProperty('scoped');
  });

  it('updates the session named by options.sessionId', async () => {
    const other = await tracer.createSession({ sessionName: 'e2e-enrich-named' });
    await expect(enrichSession({ metrics: { score: 0.9 } }, { tracer, sessionId: other })).resolves.toBe(true);
    expect(backend.session(other)?.metrics).toEqual({ score: 0.9 });
    expect(backend.session(tracer.sessionId)?.metrics).not.toHaveProperty('score');
  });

  it('resolves false when the backend refuses the update', async () => {
    await backend.faults.set({ kind: 'status', status: 400, routes: 'events', count: 2 });
    try {
      await expect(enrichSession({ metadata: { refused: true } }, { tracer })).resolves.toBe(false);
    } finally {
      await backend.faults.clear();
    }
    expect(backend.session(tracer.sessionId)?.metadata).not.toHaveProperty('refused');
    expect(warnings.some((line) => line.includes('400'))).toBe(true);
    expect(warnings.join('\n')).not.toContain('hh-e2e-key');
  });
});
