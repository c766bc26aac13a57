// The Python SDK's calls in their TypeScript form (issue 17 item 4): `@tracer.trace` on methods (while
// `tracer.trace(fn, ...args)` keeps its npm 1.x meaning), enrichSpan({ eventId }), flushAll / shutdownAll,
// isInitialized / isTestMode, and isEvaluation inferred from the evaluation ids. Real exports to the local backend.
import { HoneyHiveTracer, enrichSpan, flushAll, shutdownAll, traceModel } from '../src';
import { useCompatHarness } from './compat/compat-harness';

const h = useCompatHarness();

describe('@tracer.trace on methods', () => {
  it('traces a method (standard decorators) as a span of that tracer, whose body runs in its scope', async () => {
    h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'default' }));
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'decorated' }));
    const llm = traceModel(async function llm(prompt: string) {
      return prompt.toUpperCase();
    });
    class Agent {
      constructor(private readonly prefix: string) {}

      @tracer.trace
      async answer(question: string, ...hints: string[]) {
        return `${this.prefix}:${await llm(question)}:${hints.length}`;
      }

      @tracer.trace({ eventType: 'Tool', eventName: 'lookup-tool' })
      static lookup(key: string) {
        return `value-of-${key}`;
      }
    }
    await expect(new Agent('a').answer('why', 'h1', 'h2')).resolves.toBe('a:WHY:2');
    expect(Agent.lookup('k')).toBe('value-of-k');
    await tracer.flush();
    await h.backend.waitForSpans(3);
    const [answer] = h.spansNamed('answer');
    expect(answer?.attributes).toMatchObject({
      'honeyhive.session_id': tracer.sessionId,
      'honeyhive.project': 'decorated',
      'honeyhive_inputs.question': 'why',
      'honeyhive_inputs.hints.0': 'h1',
      'honeyhive_outputs.result': 'a:WHY:2',
    });
    // the traced function called inside uses the decorating tracer, not the default one
    expect(h.spansNamed('llm')[0]?.attributes['honeyhive.session_id']).toBe(tracer.sessionId);
    expect(h.spansNamed('llm')[0]?.parentSpanId).toBe(answer?.spanId);
    expect(h.spansNamed('lookup-tool')[0]?.attributes).toMatchObject({ honeyhive_event_type: 'tool', 'honeyhive_inputs.key': 'k' });
  });

  it('traces a method in the legacy experimentalDecorators call shape (target, key, descriptor)', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'legacy' }));
    class Service {
      handle(request: string) {
        return `handled ${request}`;
      }
    }
    // what TypeScript's __decorate does for `@tracer.trace handle(...)` with experimentalDecorators
    const decorate = tracer.trace;
    const descriptor = Object.getOwnPropertyDescriptor(Service.prototype, 'handle') as TypedPropertyDescriptor<(request: string) => string>;
    Object.defineProperty(Service.prototype, 'handle', decorate(Service.prototype, 'handle', descriptor));
    expect(new Service().handle('r')).toBe('handled r');
    await tracer.flush();
    await h.backend.waitForSpans(1);
    expect(h.spansNamed('handle')[0]?.attributes).toMatchObject({ 'honeyhive.session_id': tracer.sessionId, 'honeyhive_inputs.request': 'r' });
  });

  it('keeps npm 1.x tracer.trace(fn, ...args): runs fn once with the arguments, no span of its own', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'run' }));
    const seen: unknown[][] = [];
    const value = tracer.trace((a: string, b: { kind: string; name: string }) => {
      seen.push([a, b]);
      return 'ran';
    }, 'x', { kind: 'method', name: 'not-a-decorator-context' });
    expect(value).toBe('ran');
    expect(seen).toHaveLength(1);
    await tracer.flush();
    expect(h.backend.spans()).toHaveLength(0);
  });
});

describe('enrichSpan({ eventId })', () => {
  it('enriches an open span by its id through the tracer whose scope the call runs in, and an ended one through the API', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'events' }));
    let parentId = '';
    await tracer.startSpan('parent', async (span) => {
      parentId = span.spanContext().spanId;
      await tracer.startSpan('child', async () => {
        await expect(enrichSpan({ eventId: parentId, metadata: { by: 'id' } })).resolves.toBe(true);
      });
    });
    await tracer.flush();
    await h.backend.waitForSpans(2);
    expect(h.spansNamed('parent')[0]?.attributes['honeyhive_metadata.by']).toBe('id');
    await expect(enrichSpan({ eventId: parentId, feedback: { rating: 4 } })).resolves.toBe(true);
    const updates = h.backend.requests().filter((request) => request.route === 'events' && request.method === 'PUT');
    expect(updates.map((request) => request.path)).toEqual([`/v1/events/${parentId}`]);
  });
});

describe('flushAll, shutdownAll, isInitialized, isTestMode', () => {
  it('HoneyHiveTracer.flushAll() / flushAll() export every tracer\'s pending spans', async () => {
    const a = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'a' }));
    const b = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'b' }));
    a.traceTool(function fromA() {})();
    b.traceTool(function fromB() {})();
    await expect(HoneyHiveTracer.flushAll()).resolves.toBe(true);
    expect(h.backend.spans().map((span) => span.name).sort()).toEqual(['fromA', 'fromB']);
    b.traceTool(function again() {})();
    await expect(flushAll()).resolves.toBe(true);
    expect(h.spansNamed('again')).toHaveLength(1);
  });

  it('HoneyHiveTracer.shutdownAll() / shutdownAll() deliver and shut every tracer down', async () => {
    const a = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'a' }));
    const b = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'b' }));
    a.traceTool(function lastA() {})();
    expect([a.isInitialized, b.isInitialized]).toEqual([true, true]);
    await expect(HoneyHiveTracer.shutdownAll()).resolves.toBe(true);
    expect(h.spansNamed('lastA')).toHaveLength(1);
    expect([a.isInitialized, b.isInitialized]).toEqual([false, false]);
    await expect(shutdownAll()).resolves.toBe(true);
  });

  it('isInitialized is false for a degraded or disabled tracer; isTestMode follows testMode', () => {
    const test = h.keep(new HoneyHiveTracer({ testMode: true, project: 't' }));
    expect([test.isInitialized, test.isTestMode]).toEqual([true, true]);
    const live = h.keep(new HoneyHiveTracer({ ...h.base, project: 'live' }));
    expect([live.isInitialized, live.isTestMode]).toEqual([true, false]);
    const degraded = h.keep(new HoneyHiveTracer({ serverUrl: h.base.serverUrl, project: 'no-key', logger: { debug() {}, info() {}, warn() {}, error() {} } }));
    expect(degraded.isInitialized).toBe(false);
    const disabled = h.keep(new HoneyHiveTracer({ ...h.base, disableTracing: true }));
    expect(disabled.isInitialized).toBe(false);
  });

  it('isEvaluation is inferred when runId, datasetId and datapointId are given', () => {
    const tracer = h.keep(new HoneyHiveTracer({ testMode: true, runId: 'r', datasetId: 'd', datapointId: 'p' }));
    expect(tracer.isEvaluation).toBe(true);
    const partial = h.keep(new HoneyHiveTracer({ testMode: true, runId: 'r', datasetId: 'd' }));
    expect(partial.isEvaluation).toBe(false);
  });
});
