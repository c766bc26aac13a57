// tracer.startSession(), tracer.getTracer() (Vercel AI SDK), tracer.flush() and static HoneyHiveTracer.flush().
import { HoneyHiveTracer } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('sessions, getTracer and flush', () => {
  it('startSession() resolves with the session id once the backend has it', async () => {
    const tracer = h.keep(new HoneyHiveTracer({ ...h.base, project: 'p', sessionName: 'started' }));
    const sessionId = await tracer.startSession();
    expect(sessionId).toBe(tracer.sessionId);
    expect(h.backend.session(sessionId)).toMatchObject({ session_name: 'started', startCount: 1 });
    await expect(tracer.startSession()).resolves.toBe(sessionId);
    expect(h.backend.session(sessionId)?.startCount).toBe(1);
  });

  it('getTracer() gives an OpenTelemetry tracer whose spans carry the session (experimental_telemetry: { tracer })', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'vercel' }));
    const otel = tracer.getTracer();
    // the Vercel AI SDK's call shape
    const value = await otel.startActiveSpan('ai.generateText', { attributes: { 'gen_ai.request.model': 'gpt-4o' } }, async (span) => {
      try {
        return 'text';
      } finally {
        span.end();
      }
    });
    expect(value).toBe('text');
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      'honeyhive.project': 'vercel',
      honeyhive_event_type: 'model',
    });
  });

  it('tracer.flush() exports this tracer\'s ended spans', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    tracer.traceTool(function one() {})();
    expect(h.backend.spans()).toHaveLength(0); // batched until flushed
    await expect(tracer.flush()).resolves.toBe(true);
    expect(h.spansNamed('one')).toHaveLength(1);
  });

  it('static HoneyHiveTracer.flush() flushes every tracer', async () => {
    const a = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'a' }));
    const b = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'b' }));
    a.traceTool(function fromA() {})();
    b.traceTool(function fromB() {})();
    await expect(HoneyHiveTracer.flush()).resolves.toBe(true);
    expect(h.spansNamed('fromA')[0]?.attributes['honeyhive.session_id']).toBe(a.sessionId);
    expect(h.spansNamed('fromB')[0]?.attributes['honeyhive.session_id']).toBe(b.sessionId);
  });
});
