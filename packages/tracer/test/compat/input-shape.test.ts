// Argument capture keys on the wire: the Python shape by default, the npm honeyhive 1.x shape behind legacyInputShape.
import { HoneyHiveTracer, traceFunction } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

function add(a: number, b: { c: number }) {
  return a + b.c;
}

describe('argument capture keys', () => {
  it('records honeyhive_inputs.<param> by default (Python 1.5 shape), and skips null values', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    tracer.traceFunction()(add)(1, { c: 2 });
    tracer.traceTool(function maybe(value: string | null) {
      return value;
    })(null);
    await tracer.flush();
    await h.backend.waitForSpans(2);
    const [span] = h.spansNamed('add');
    expect(span?.attributes).toMatchObject({ 'honeyhive_inputs.a': 1, 'honeyhive_inputs.b.c': 2, 'honeyhive_outputs.result': 3 });
    expect(Object.keys(span?.attributes ?? {}).some((key) => key.includes('_params_'))).toBe(false);
    const keys = Object.keys(h.spansNamed('maybe')[0]?.attributes ?? {});
    expect(keys.filter((key) => key.startsWith('honeyhive_inputs') || key.startsWith('honeyhive_outputs'))).toEqual([]);
  });

  it('records honeyhive_inputs._params_.<param> with legacyInputShape: true (npm honeyhive 1.x shape)', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', legacyInputShape: true }));
    tracer.traceFunction({ eventType: 'tool' })(add)(1, { c: 2 });
    traceFunction({ eventType: 'chain', eventName: 'free-add' })(add)(3, { c: 4 }); // the default tracer: the same one
    await tracer.flush();
    await h.backend.waitForSpans(2);
    expect(h.spansNamed('add')[0]?.attributes).toMatchObject({ 'honeyhive_inputs._params_.a': 1, 'honeyhive_inputs._params_.b.c': 2, 'honeyhive_outputs.result': 3 });
    expect(h.spansNamed('free-add')[0]?.attributes).toMatchObject({ 'honeyhive_inputs._params_.a': 3, 'honeyhive_inputs._params_.b.c': 4 });
    expect(h.spansNamed('add')[0]?.attributes['honeyhive_inputs.a']).toBeUndefined();
  });
});
