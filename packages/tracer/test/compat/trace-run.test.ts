// tracer.trace(fn, ...args): runs fn once with its arguments in the tracer's scope; a throwing function runs once.
import { HoneyHiveTracer, traceModel } from '../../src';
import { useCompatHarness } from './compat-harness';

const h = useCompatHarness();

describe('tracer.trace(fn, ...args)', () => {
  it('calls fn with the arguments, returns its value, and stamps traced calls inside with this tracer', async () => {
    h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'default' }));
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'scoped' }));
    const llm = traceModel(async function llm(prompt: string) {
      return prompt.toUpperCase();
    });
    const calls: unknown[][] = [];
    const value = await tracer.trace(async (a: string, b: number) => {
      calls.push([a, b]);
      return llm(a.repeat(b));
    }, 'x', 2);
    expect(value).toBe('XX');
    expect(calls).toEqual([['x', 2]]);
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.name).toBe('llm');
    expect(span?.attributes).toMatchObject({ 'honeyhive.session_id': tracer.sessionId, 'honeyhive.project': 'scoped' });
  });

  it('runs a throwing function exactly once and rethrows the same error (1.x ran it twice)', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const error = new Error('boom');
    let runs = 0;
    expect(() =>
      tracer.trace(() => {
        runs += 1;
        throw error;
      }),
    ).toThrow(error);
    expect(runs).toBe(1);
    let asyncRuns = 0;
    await expect(
      tracer.trace(async () => {
        asyncRuns += 1;
        throw error;
      }),
    ).rejects.toBe(error);
    expect(asyncRuns).toBe(1);
  });

  it('runs a throwing traced function once and records the error on its span', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p' }));
    const error = new TypeError('bad input');
    let runs = 0;
    const failing = tracer.traceTool(function failing() {
      runs += 1;
      throw error;
    });
    let thrown: unknown;
    try {
      tracer.trace(failing);
    } catch (caught) {
      thrown = caught;
    }
    expect(thrown).toBe(error);
    expect(runs).toBe(1);
    await tracer.flush();
    const spans = await h.backend.waitForSpans(1);
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.code).toBe(2);
    expect(spans[0]?.attributes).toMatchObject({ honeyhive_error: 'bad input', honeyhive_error_type: 'TypeError' });
  });
});
