// The free functions of npm honeyhive 1.x: traceFunction, traceModel, traceTool, traceChain (default tracer).
import { HoneyHiveTracer, traceChain, traceFunction, traceModel, traceTool } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('free traceFunction / traceModel / traceTool / traceChain', () => {
  it('use the tracer created first, with the 1.x option names', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'free' }));
    const generic = traceFunction({ eventType: 'chain', eventName: 'generic', metadata: { m: 1 }, config: { c: 2 } })(function (x: number) {
      return x * 2;
    });
    const model = traceModel(function model(prompt: string) {
      return prompt;
    }, { eventName: 'the-model', config: { temperature: 1 } });
    const tool = traceTool(async function tool(q: string) {
      return q.length;
    }, { metadata: { kind: 'search' } });
    const chain = traceChain(async function chain() {
      return [generic(2), model('p'), await tool('abc')];
    });
    await expect(chain()).resolves.toEqual([4, 'p', 3]);
    await tracer.flush();
    await h.backend.waitForSpans(4);
    expect(h.spansNamed('generic')[0]?.attributes).toMatchObject({ honeyhive_event_type: 'chain', 'honeyhive_metadata.m': 1, 'honeyhive_config.c': 2, 'honeyhive_inputs.x': 2 });
    expect(h.spansNamed('the-model')[0]?.attributes).toMatchObject({ honeyhive_event_type: 'model', 'honeyhive_config.temperature': 1 });
    expect(h.spansNamed('tool')[0]?.attributes).toMatchObject({ honeyhive_event_type: 'tool', 'honeyhive_metadata.kind': 'search', 'honeyhive_outputs.result': 3 });
    expect(h.spansNamed('chain')[0]?.attributes).toMatchObject({ honeyhive_event_type: 'chain', 'honeyhive.session_id': tracer.sessionId });
    for (const span of h.backend.spans()) expect(span.attributes['honeyhive.session_id']).toBe(tracer.sessionId);
  });

  it('traceFunction accepts (and ignores) 1.x association properties, and a throwing function runs once', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    let runs = 0;
    const error = new Error('nope');
    const failing = traceFunction({ eventType: 'tool' }, { session_id: 'ignored' })(function failing() {
      runs += 1;
      throw error;
    });
    expect(() => failing()).toThrow(error);
    expect(runs).toBe(1);
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.attributes).toMatchObject({ honeyhive_error: 'nope', 'honeyhive.session_id': tracer.sessionId });
  });
});
