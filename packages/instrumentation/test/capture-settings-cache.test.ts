// trace() and enrichSpan() keep the capture settings they resolved while the tracer hands out the same frozen
// captureOptions object; these tests pin that every other kind of captureOptions is read again on each call.
import { OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { enrichSpan, trace } from '../src';
import type { CaptureOptions, TracerLike } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());


function lookup(query: string): { found: boolean } {
  return { found: query !== '' };
}

/** A tracer whose captureOptions getter returns whatever `current()` gives at the time of the call. */
function tracerReading(current: () => CaptureOptions | undefined): TracerLike {
  const otel = tracing.tracer.getTracer();
  return {
    getTracer: () => otel,
    get captureOptions() {
      return current();
    },
  };
}

function lastSpanAttributes(): Record<string, unknown> {
  const spans = tracing.spans();
  return { ...spans[spans.length - 1]?.attributes };
}

describe('capture settings of trace()', () => {
  it('reads a captureOptions object that is not frozen again on every call', () => {
    const options: { captureInputs?: boolean } = {};
    const traced = trace(lookup, { tracer: tracing.tracerWith(options) });
    traced('a');
    expect(lastSpanAttributes()['honeyhive_inputs.query']).toBe('a');
    options.captureInputs = false;
    traced('b');
    expect(lastSpanAttributes()['honeyhive_inputs.query']).toBeUndefined();
  });

  it('follows the tracer when it hands out another frozen captureOptions object', () => {
    let current: CaptureOptions = Object.freeze({ captureOutputs: true });
    const traced = trace(lookup, { tracer: tracerReading(() => current) });
    traced('a');
    expect(lastSpanAttributes()[`${OUTPUT_RESULT_KEY}.found`]).toBe(true);
    current = Object.freeze({ captureOutputs: false });
    traced('b');
    expect(lastSpanAttributes()[`${OUTPUT_RESULT_KEY}.found`]).toBeUndefined();
    current = Object.freeze({ captureOutputs: true, maxAttributes: 0 });
    traced('c');
    expect(lastSpanAttributes()['honeyhive_inputs.query']).toBeUndefined();
    expect(lastSpanAttributes()[`${OUTPUT_RESULT_KEY}.found`]).toBeUndefined();
  });

  it('reads a frozen captureOptions object with a getter again on every call (the getter may answer differently)', () => {
    let capture = true;
    const options = Object.freeze(
      Object.defineProperty({}, 'captureInputs', { get: () => capture, enumerable: true }) as CaptureOptions,
    );
    const traced = trace(lookup, { tracer: tracerReading(() => options) });
    traced('a');
    expect(lastSpanAttributes()['honeyhive_inputs.query']).toBe('a');
    capture = false;
    traced('b');
    expect(lastSpanAttributes()['honeyhive_inputs.query']).toBeUndefined();
  });

  it('keeps the fixed outputs of the options on every call, the return value unrecorded', () => {
    const options = Object.freeze({});
    const traced = trace(lookup, { tracer: tracerReading(() => options), outputs: { answer: 'fixed' } });
    traced('a');
    traced('b');
    for (const span of tracing.spans()) {
      expect(span.attributes['honeyhive_outputs.answer']).toBe('fixed');
      expect(span.attributes[`${OUTPUT_RESULT_KEY}.found`]).toBeUndefined();
    }
  });

  it('names the arguments of every call by its own count (rest parameter and extra arguments included)', () => {
    function join(first: string, ...rest: string[]): string {
      return [first, ...rest].join('+');
    }
    const traced = trace(join, { tracer: tracing.tracer, paramNames: ['first', 'arg1'] });
    traced('a');
    expect(lastSpanAttributes()).toMatchObject({ 'honeyhive_inputs.first': 'a' });
    expect(lastSpanAttributes()['honeyhive_inputs.arg1']).toBeUndefined();
    traced('a', 'b', 'c');
    expect(lastSpanAttributes()).toMatchObject({ 'honeyhive_inputs.first': 'a', 'honeyhive_inputs.arg1': 'b', 'honeyhive_inputs.arg2': 'c' });
    traced('x');
    expect(lastSpanAttributes()['honeyhive_inputs.arg2']).toBeUndefined();
    const parsed = trace(join, { tracer: tracing.tracer });
    parsed('a', 'b', 'c');
    expect(lastSpanAttributes()).toMatchObject({ 'honeyhive_inputs.first': 'a', 'honeyhive_inputs.rest.0': 'b', 'honeyhive_inputs.rest.1': 'c' });
    parsed('a');
    expect(lastSpanAttributes()['honeyhive_inputs.rest.0']).toBeUndefined();
  });
});

describe('capture settings of enrichSpan()', () => {
  it('applies the settings of the tracer it is given, each call', () => {
    const first = tracerReading(() => Object.freeze({ maxAttributes: 1 }));
    const second = tracerReading(() => Object.freeze({ maxAttributes: 5 }));
    const run = (tracer: TracerLike) =>
      trace(function enriched() {
        enrichSpan({ metadata: { a: 1, b: 2, c: 3 } }, { tracer });
      }, { tracer })();
    run(first);
    expect(Object.keys(lastSpanAttributes()).filter((key) => key.startsWith('honeyhive_metadata.'))).toHaveLength(1);
    run(second);
    expect(Object.keys(lastSpanAttributes()).filter((key) => key.startsWith('honeyhive_metadata.'))).toHaveLength(3);
    run(first);
    expect(Object.keys(lastSpanAttributes()).filter((key) => key.startsWith('honeyhive_metadata.'))).toHaveLength(1);
  });
});
