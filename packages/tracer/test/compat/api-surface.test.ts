// The npm honeyhive 1.x API surface, written as 1.x code was (its types and call shapes, only the import
// changed). `npx tsc -p packages/tracer/tsconfig.test.json` type-checks this file against our declarations.
import {
  HoneyHiveTracer,
  enrichSession,
  enrichSpan,
  traceChain,
  traceFunction,
  traceModel,
  traceTool,
  type EnrichSessionParams,
  type EnrichSpanParams,
  type HoneyHiveTracerProperties,
  type TraceFunctionOptions,
} from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('the 1.x API surface', () => {
  it('exports every 1.x name with its 1.x kind', () => {
    const functions = { traceFunction, traceModel, traceTool, traceChain, enrichSpan, enrichSession };
    for (const [name, value] of Object.entries(functions)) expect([name, typeof value]).toEqual([name, 'function']);
    const statics = { init: HoneyHiveTracer.init, flush: HoneyHiveTracer.flush, enrichSpan: HoneyHiveTracer.enrichSpan };
    for (const [name, value] of Object.entries(statics)) expect([name, typeof value]).toEqual([name, 'function']);
    const methods = ['traceFunction', 'traceModel', 'traceTool', 'traceChain', 'trace', 'logModel', 'enrichSpan', 'enrichSession', 'getTracer', 'startSession', 'flush'];
    for (const name of methods) expect([name, typeof (HoneyHiveTracer.prototype as unknown as Record<string, unknown>)[name]]).toEqual([name, 'function']);
  });

  it('runs a typical 1.x program unchanged (typed with the 1.x types), and its data reaches the backend', async () => {
    // --- 1.x code, verbatim apart from the import ---
    const props: Partial<HoneyHiveTracerProperties> = { apiKey: h.base.apiKey, serverUrl: h.base.serverUrl, project: 'surface', sessionName: 'typed' };
    const tracer: HoneyHiveTracer = await HoneyHiveTracer.init(props);
    const options: TraceFunctionOptions = { eventType: 'tool', metadata: { v: 1 } };
    const spanParams: EnrichSpanParams = { metrics: { score: 0.5 }, error: null };
    const lookup = tracer.traceFunction(options)(function lookup(id: string) {
      tracer.enrichSpan(spanParams);
      return id;
    });
    const sessionParams: EnrichSessionParams = { feedback: { liked: true } };
    const started: string | null = await tracer.startSession();
    const flushed: void | boolean = await tracer.trace(async () => {
      lookup('x');
      await tracer.enrichSession(sessionParams);
      await tracer.enrichSession(); // 1.x allowed no argument
      await enrichSession();
      await HoneyHiveTracer.flush();
    });
    // --- end of 1.x code ---
    h.keep(tracer);
    expect(started).toBe(tracer.sessionId);
    expect(flushed).toBeUndefined();
    const [span] = h.spansNamed('lookup');
    expect(span?.attributes).toMatchObject({ honeyhive_event_type: 'tool', 'honeyhive_metadata.v': 1, 'honeyhive_metrics.score': 0.5, 'honeyhive_inputs.id': 'x' });
    expect(span?.attributes).not.toHaveProperty('honeyhive_error'); // error: null is skipped, not "null"
    expect(h.backend.session(tracer.sessionId)?.feedback).toEqual({ liked: true });
    const updates = h.backend.requests().filter((request) => request.route === 'events' && request.method === 'PUT');
    expect(updates).toHaveLength(3);
    for (const update of updates) expect(update.path).toBe(`/v1/events/${tracer.sessionId}`);
  });
});
