// tracer.traceFunction(options)(fn) and tracer.traceModel / traceTool / traceChain(fn, options), 1.x call shapes.
import { HoneyHiveTracer, traceTool } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('tracer.traceFunction / traceModel / traceTool / traceChain', () => {
  it('traceFunction({ eventType, config, metadata, eventName })(fn) records the 1.x attributes and returns the same value', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const result = { answer: 42 };
    const answer = tracer.traceFunction({ eventType: 'Model', config: { model: 'gpt-4o', temperature: 0 }, metadata: { team: 'a' }, eventName: 'llm-call' })(
      function answer(prompt: string, n: number) {
        return prompt.length > n ? result : undefined;
      },
    );
    expect(answer('hello', 2)).toBe(result);
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.name).toBe('llm-call');
    expect(span?.attributes).toMatchObject({
      honeyhive_event_type: 'model',
      honeyhive_event_name: 'llm-call',
      'honeyhive_config.model': 'gpt-4o',
      'honeyhive_config.temperature': 0,
      'honeyhive_metadata.team': 'a',
      'honeyhive_inputs.prompt': 'hello',
      'honeyhive_inputs.n': 2,
      'honeyhive_outputs.result.answer': 42,
      'honeyhive.session_id': tracer.sessionId,
    });
  });

  it('traceModel, traceTool and traceChain(fn, options) fix the event type; async functions end their span when they settle', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const model = tracer.traceModel(async function complete(prompt: string) {
      return `re: ${prompt}`;
    }, { metadata: { provider: 'test' } });
    const tool = tracer.traceTool(function search(query: string) {
      return [query];
    });
    const chain = tracer.traceChain(async function pipeline(question: string) {
      return model(String(tool(question)[0]));
    }, { eventName: 'rag', config: { k: 3 } });
    await expect(chain('q')).resolves.toBe('re: q');
    await tracer.flush();
    await h.backend.waitForSpans(3);
    const [complete] = h.spansNamed('complete');
    const [search] = h.spansNamed('search');
    const [rag] = h.spansNamed('rag');
    expect(complete?.attributes).toMatchObject({ honeyhive_event_type: 'model', 'honeyhive_metadata.provider': 'test', 'honeyhive_outputs.result': 're: q' });
    expect(search?.attributes).toMatchObject({ honeyhive_event_type: 'tool', 'honeyhive_inputs.query': 'q', 'honeyhive_outputs.result.0': 'q' });
    expect(rag?.attributes).toMatchObject({ honeyhive_event_type: 'chain', 'honeyhive_config.k': 3, 'honeyhive_inputs.question': 'q' });
    expect(complete?.parentSpanId).toBe(rag?.spanId);
    expect(search?.parentSpanId).toBe(rag?.spanId);
  });

  it('names an anonymous function as 1.x did and ignores an unknown eventType', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const anonymous = [(x: number) => x];
    tracer.traceFunction({ eventType: 'tool' })(anonymous[0]!)(1);
    tracer.traceFunction({ eventType: 'banana' })(anonymous[0]!)(2);
    await tracer.flush();
    const spans = await h.backend.waitForSpans(2);
    expect(spans.map((span) => span.name).sort()).toEqual(['event', 'tool event']);
    const banana = spans.find((span) => span.name === 'event');
    expect(banana?.attributes.honeyhive_event_type).toBe('tool'); // detected (the default), not 'banana'
  });

  it("makes free traced functions called inside use this tracer, even when it is not the default", async () => {
    const first = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'first' }));
    const second = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'second' }));
    const inner = traceTool(function inner() {
      return 'in';
    });
    const outer = second.traceChain(function outer() {
      return inner();
    });
    expect(outer()).toBe('in');
    await Promise.all([first.flush(), second.flush()]);
    await h.backend.waitForSpans(2);
    const [innerSpan] = h.spansNamed('inner');
    expect(innerSpan?.attributes).toMatchObject({ 'honeyhive.session_id': second.sessionId, 'honeyhive.project': 'second' });
    expect(innerSpan?.parentSpanId).toBe(h.spansNamed('outer')[0]?.spanId);
  });
});
