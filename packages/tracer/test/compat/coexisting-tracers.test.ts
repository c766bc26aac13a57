// 1.x kept one global SDK instance and session; several tracers now coexist, each with its own session.
import { HoneyHiveTracer } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('several tracers', () => {
  it('keep separate sessions, projects and metadata', async () => {
    const a = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'alpha', sessionName: 'a', metadata: { who: 'a' } }));
    const b = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'beta', sessionName: 'b', metadata: { who: 'b' } }));
    expect(a.sessionId).not.toBe(b.sessionId);
    expect(h.backend.session(a.sessionId)).toMatchObject({ session_name: 'a', metadata: { who: 'a' } });
    expect(h.backend.session(b.sessionId)).toMatchObject({ session_name: 'b', metadata: { who: 'b' } });

    const fromA = a.traceChain(async function stepA() {
      return 'a';
    });
    const fromB = b.traceChain(async function stepB() {
      return 'b';
    });
    await Promise.all([fromA(), fromB(), a.trace(() => fromB()), b.trace(() => fromA())]);
    await a.enrichSession({ metadata: { enriched: 'a' } });
    await HoneyHiveTracer.flush();
    await h.backend.waitForSpans(4);
    for (const span of h.spansNamed('stepA')) expect(span.attributes).toMatchObject({ 'honeyhive.session_id': a.sessionId, 'honeyhive.project': 'alpha' });
    for (const span of h.spansNamed('stepB')) expect(span.attributes).toMatchObject({ 'honeyhive.session_id': b.sessionId, 'honeyhive.project': 'beta' });
    expect(h.backend.session(a.sessionId)?.metadata).toMatchObject({ enriched: 'a' });
    expect(h.backend.session(b.sessionId)?.metadata).not.toHaveProperty('enriched');
  });

  it('shutting one down leaves the other working', async () => {
    const a = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'alpha' }));
    const b = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'beta' }));
    await a.shutdown();
    b.traceTool(function afterShutdown() {})();
    await HoneyHiveTracer.flush();
    expect(h.spansNamed('afterShutdown')[0]?.attributes['honeyhive.session_id']).toBe(b.sessionId);
  });
});
