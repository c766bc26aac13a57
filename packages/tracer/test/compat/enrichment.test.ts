// tracer.logModel, tracer.enrichSpan, static HoneyHiveTracer.enrichSpan, free enrichSpan; enrichSession in the 1.x shapes.
import { HoneyHiveTracer, enrichSession, enrichSpan } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('1.x enrichment', () => {
  it('logModel(params) records one model span with the given fields', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const returned: unknown = tracer.logModel({
      eventName: 'openai.chat',
      inputs: { prompt: 'hi' },
      outputs: { text: 'hello' },
      config: { model: 'gpt-4o' },
      metadata: { m: 1 },
      metrics: { tokens: 3 },
      feedback: { ok: true },
    });
    expect(returned).toBeUndefined();
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.name).toBe('openai.chat');
    expect(span?.attributes).toMatchObject({
      honeyhive_event_type: 'model',
      honeyhive_event_name: 'openai.chat',
      'honeyhive_inputs.prompt': 'hi',
      'honeyhive_outputs.text': 'hello',
      'honeyhive_config.model': 'gpt-4o',
      'honeyhive_metadata.m': 1,
      'honeyhive_metrics.tokens': 3,
      'honeyhive_feedback.ok': true,
      'honeyhive.session_id': tracer.sessionId,
    });
  });

  it('tracer.enrichSpan, HoneyHiveTracer.enrichSpan and enrichSpan enrich the active traced span', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    tracer.traceChain(function enriched() {
      tracer.enrichSpan({ metadata: { by: 'instance' }, error: 'soft failure' });
      HoneyHiveTracer.enrichSpan({ metrics: { by_static: 1 }, eventName: 'renamed' });
      enrichSpan({ config: { by: 'free' }, feedback: { rating: 5 }, inputs: { extra: 'x' }, outputs: { out: 'y' } });
    })();
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({
      'honeyhive_metadata.by': 'instance',
      honeyhive_error: 'soft failure',
      'honeyhive_metrics.by_static': 1,
      honeyhive_event_name: 'renamed',
      'honeyhive_config.by': 'free',
      'honeyhive_feedback.rating': 5,
      'honeyhive_inputs.extra': 'x',
      'honeyhive_outputs.out': 'y',
    });
  });

  it('enrichSpan outside a traced function does nothing and does not throw', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    expect(() => HoneyHiveTracer.enrichSpan({ metadata: { a: 1 } })).not.toThrow();
    expect(tracer.enrichSpan({ metadata: { a: 1 } })).toBe(false);
    expect(enrichSpan({ metadata: { a: 1 } })).toBe(false);
  });

  it('tracer.enrichSession(params) updates the tracer\'s session; params.sessionId picks another one', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const other = await tracer.createSession({ sessionName: 'other' });
    await expect(tracer.enrichSession({ metadata: { a: 1 }, feedback: { f: 1 }, metrics: { m: 1 }, config: { c: 1 }, outputs: { o: 1 }, userProperties: { u: 1 } })).resolves.toBe(true);
    await expect(tracer.enrichSession({ sessionId: other, metadata: { which: 'other' } })).resolves.toBe(true);
    expect(h.backend.session(tracer.sessionId)).toMatchObject({
      metadata: { a: 1 },
      feedback: { f: 1 },
      metrics: { m: 1 },
      config: { c: 1 },
      outputs: { o: 1 },
      user_properties: { u: 1 },
    });
    expect(h.backend.session(other)?.metadata).toMatchObject({ which: 'other' });
    expect(h.backend.session(tracer.sessionId)?.metadata).not.toHaveProperty('which');
    const update = h.backend.requests().find((request) => request.route === 'events' && JSON.stringify(request.body).includes('which'));
    expect(JSON.stringify(update?.body)).not.toContain('sessionId');
  });

  it('free enrichSession({ sessionId, ... }) updates that session; without one, the default tracer\'s', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const other = await tracer.createSession({});
    await expect(enrichSession({ sessionId: other, metadata: { free: 'given' } })).resolves.toBe(true);
    await expect(enrichSession({ metadata: { free: 'default' }, inputs: { q: 1 } })).resolves.toBe(true);
    expect(h.backend.session(other)?.metadata).toMatchObject({ free: 'given' });
    expect(h.backend.session(tracer.sessionId)?.metadata).toMatchObject({ free: 'default', inputs: { q: 1 } });
  });
});
