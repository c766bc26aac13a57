import { FALLBACK_TRACER_NAME, enrichSpan, setDefaultTracerResolver, trace } from '../src';
import type { TracerLike } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => {
  setDefaultTracerResolver(undefined);
  tracing.reset();
});
afterAll(() => tracing.shutdown());

describe('tracer resolution', () => {
  it('uses options.tracer first', () => {
    const resolver = jest.fn(() => tracing.tracerWith({ captureInputs: false }));
    setDefaultTracerResolver(resolver);
    trace(function explicit(x: number) {
      return x;
    }, { tracer: tracing.tracer })(1);
    expect(resolver).not.toHaveBeenCalled();
    expect(tracing.span('explicit').attributes['honeyhive_inputs.x']).toBe(1);
  });

  it('asks the default resolver at call time when no tracer is given', () => {
    let current: TracerLike | undefined = tracing.tracerWith({ legacyInputShape: true });
    setDefaultTracerResolver(() => current);
    const traced = trace(function viaResolver(x: number) {
      return x;
    });
    traced(1);
    current = tracing.tracerWith({ legacyInputShape: false });
    traced(2);
    const [first, second] = tracing.spans();
    expect(first?.attributes['honeyhive_inputs._params_.x']).toBe(1);
    expect(second?.attributes['honeyhive_inputs.x']).toBe(2);
    expect(first?.instrumentationScope.name).toBe('test');
  });

  it('returns the previous resolver when replacing it', () => {
    const a = () => undefined;
    expect(setDefaultTracerResolver(a)).toBeUndefined();
    expect(setDefaultTracerResolver(undefined)).toBe(a);
  });

  it('falls back to the global OpenTelemetry API (scope "honeyhive") without tracer or resolver', () => {
    trace(function globalOne() {
      return 1;
    })();
    expect(tracing.span('globalOne').instrumentationScope.name).toBe(FALLBACK_TRACER_NAME);
    setDefaultTracerResolver(() => undefined);
    trace(function resolverGaveNone() {})();
    expect(tracing.span('resolverGaveNone').instrumentationScope.name).toBe(FALLBACK_TRACER_NAME);
  });

  it('treats a throwing resolver as none', () => {
    setDefaultTracerResolver(() => {
      throw new Error('registry broken');
    });
    expect(trace(function afterBrokenResolver() {
      return 'ok';
    })()).toBe('ok');
    expect(tracing.span('afterBrokenResolver').instrumentationScope.name).toBe(FALLBACK_TRACER_NAME);
  });
});

describe('broken tracers never break the function', () => {
  const brokenTracers: Array<[string, TracerLike]> = [
    [
      'getTracer throws',
      {
        getTracer() {
          throw new Error('no tracer');
        },
      },
    ],
    ['getTracer returns nothing', { getTracer: () => undefined as never }],
    [
      'startSpan throws',
      {
        getTracer: () =>
          ({
            startSpan() {
              throw new Error('startSpan broke');
            },
          }) as never,
      },
    ],
    [
      'captureOptions getter throws',
      {
        getTracer: () => tracing.provider.getTracer('test'),
        get captureOptions(): never {
          throw new Error('options broke');
        },
      },
    ],
  ];

  it.each(brokenTracers)('%s: fn runs once and returns its value', (_label, tracer) => {
    const value = { ok: true };
    const fn = jest.fn((a: number) => (a === 1 ? value : undefined));
    expect(trace(fn, { tracer })(1)).toBe(value);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it.each(brokenTracers)('%s: a throwing fn runs once and its error passes unchanged', (_label, tracer) => {
    const error = new Error('user error');
    const fn = jest.fn(() => {
      throw error;
    });
    expect(() => trace(fn, { tracer })()).toThrow(error);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it('a span whose methods throw does not change the result', async () => {
    const hostileSpan = new Proxy(
      {},
      {
        get() {
          return () => {
            throw new Error('span method broke');
          };
        },
      },
    );
    const tracer: TracerLike = { getTracer: () => ({ startSpan: () => hostileSpan }) as never };
    expect(trace((a: number) => a * 2, { tracer })(4)).toBe(8);
    await expect(trace(async () => 'async ok', { tracer })()).resolves.toBe('async ok');
    const error = new Error('x');
    await expect(
      trace(async () => {
        throw error;
      }, { tracer })(),
    ).rejects.toBe(error);
    expect(enrichSpan({ metadata: { a: 1 } }, { span: hostileSpan as never })).toBe(false);
  });

  it('reports swallowed failures to the tracer logger at debug level only', () => {
    const logger = { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
    const tracer: TracerLike = {
      getTracer: () =>
        ({
          startSpan() {
            throw new Error('startSpan broke');
          },
        }) as never,
      captureOptions: { logger },
    };
    expect(trace(function logged() {
      return 1;
    }, { tracer })()).toBe(1);
    expect(logger.debug).toHaveBeenCalledTimes(1);
    expect(String(logger.debug.mock.calls[0]?.[0])).toContain('startSpan broke');
    expect(logger.warn).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });
});
