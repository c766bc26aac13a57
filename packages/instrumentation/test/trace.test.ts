import { SpanKind, SpanStatusCode, context, trace as otelTrace } from '@opentelemetry/api';
import { ATTR, OUTPUT_RESULT_KEY } from '@honeyhive/utils';
import { atrace, isTraced, trace, untraced } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('trace() on sync functions', () => {
  it('returns the very same value and records one span named after the function', () => {
    const value = { answer: 42 };
    function compute(x: number) {
      return x > 0 ? value : undefined;
    }
    const traced = trace(compute, { tracer: tracing.tracer });
    expect(traced(1)).toBe(value);
    const spans = tracing.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.name).toBe('compute');
    expect(spans[0]?.attributes[ATTR.EVENT_NAME]).toBe('compute');
    expect(spans[0]?.attributes[`${OUTPUT_RESULT_KEY}.answer`]).toBe(42);
  });

  it('keeps this, name and length', () => {
    const counter = {
      step: 3,
      add(a: number, b: number) {
        return a + b + this.step;
      },
    };
    counter.add = trace(counter.add, { tracer: tracing.tracer });
    expect(counter.add(1, 2)).toBe(6);
    expect(counter.add.name).toBe('add');
    expect(counter.add.length).toBe(2);
    expect(isTraced(counter.add)).toBe(true);
    expect(Object.keys(counter.add)).toEqual([]);
  });

  it('names an anonymous function "anonymous" and honours eventName', () => {
    const anonymous = trace(
      ((): (() => number) => () => 1)(),
      { tracer: tracing.tracer },
    );
    anonymous();
    trace(() => 2, { tracer: tracing.tracer, eventName: 'custom' })();
    expect(tracing.spans().map((span) => span.name)).toEqual(['anonymous', 'custom']);
  });

  it('makes the span active inside the function and nests child spans', () => {
    let activeInside: string | undefined;
    const inner = trace(function inner() {
      activeInside = otelTrace.getActiveSpan()?.spanContext().spanId;
      return 'x';
    }, { tracer: tracing.tracer });
    const outer = trace(function outer() {
      return inner();
    }, { tracer: tracing.tracer });
    outer();
    const innerSpan = tracing.span('inner');
    const outerSpan = tracing.span('outer');
    expect(activeInside).toBe(innerSpan.spanContext().spanId);
    expect(innerSpan.parentSpanContext?.spanId).toBe(outerSpan.spanContext().spanId);
    expect(innerSpan.spanContext().traceId).toBe(outerSpan.spanContext().traceId);
    expect(otelTrace.getActiveSpan()).toBeUndefined();
  });

  it('records a thrown error on the one span and rethrows the same object, calling fn once', () => {
    class QuotaError extends Error {}
    const error = new QuotaError('over quota');
    const fn = jest.fn(() => {
      throw error;
    });
    const traced = trace(fn, { tracer: tracing.tracer, eventName: 'failing' });
    let caught: unknown;
    try {
      traced();
    } catch (e) {
      caught = e;
    }
    expect(caught).toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
    const spans = tracing.spans();
    expect(spans).toHaveLength(1);
    const span = spans[0]!;
    expect(span.status).toEqual({ code: SpanStatusCode.ERROR, message: 'over quota' });
    expect(span.events.map((event) => event.name)).toEqual(['exception']);
    expect(span.events[0]?.attributes?.['exception.message']).toBe('over quota');
    expect(span.attributes[ATTR.ERROR]).toBe('over quota');
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('QuotaError');
    expect(Object.keys(span.attributes).some((key) => key.startsWith('honeyhive_outputs'))).toBe(false);
  });

  it('rethrows non-Error throwables unchanged', () => {
    const thrown = { code: 7 };
    const traced = trace(() => {
      throw thrown;
    }, { tracer: tracing.tracer, eventName: 'object-thrower' });
    expect(() => traced()).toThrow();
    try {
      traced();
    } catch (e) {
      expect(e).toBe(thrown);
    }
    const span = tracing.spans()[0]!;
    expect(span.attributes[ATTR.ERROR_TYPE]).toBe('Object');
    expect(span.status.code).toBe(SpanStatusCode.ERROR);

    tracing.reset();
    const stringThrower = trace(() => {
      throw 'plain text';
    }, { tracer: tracing.tracer });
    expect(() => stringThrower()).toThrow('plain text');
    expect(tracing.spans()[0]?.attributes[ATTR.ERROR]).toBe('plain text');
    expect(tracing.spans()[0]?.attributes[ATTR.ERROR_TYPE]).toBe('string');
  });

  it('records a non-negative duration in milliseconds', () => {
    trace(function quick() {
      return 1;
    }, { tracer: tracing.tracer })();
    const duration = tracing.span('quick').attributes[ATTR.DURATION_MS];
    expect(typeof duration).toBe('number');
    expect(duration as number).toBeGreaterThanOrEqual(0);
  });

  it('uses the requested span kind (INTERNAL by default)', () => {
    trace(function server() {}, { tracer: tracing.tracer, spanKind: SpanKind.SERVER })();
    trace(function internal() {}, { tracer: tracing.tracer })();
    expect(tracing.span('server').kind).toBe(SpanKind.SERVER);
    expect(tracing.span('internal').kind).toBe(SpanKind.INTERNAL);
  });

  it('does not trace twice when wrapping a traced function again', () => {
    const once = trace(function once() {
      return 'x';
    }, { tracer: tracing.tracer });
    const twice = trace(once, { tracer: tracing.tracer, eventName: 'other' });
    expect(twice).toBe(once);
    expect(twice()).toBe('x');
    expect(tracing.spans()).toHaveLength(1);
    expect(untraced(once).name).toBe('once');
    expect(isTraced(untraced(once))).toBe(false);
  });

  it('supports new on a traced class and keeps instanceof', () => {
    class Point {
      constructor(
        readonly x: number,
        readonly y: number,
      ) {}
    }
    const TracedPoint = trace(Point as unknown as (x: number, y: number) => Point, { tracer: tracing.tracer });
    const point = new (TracedPoint as unknown as typeof Point)(1, 2);
    expect(point).toBeInstanceOf(Point);
    expect(point).toBeInstanceOf(TracedPoint);
    expect(point.x + point.y).toBe(3);
    expect(tracing.span('Point').attributes['honeyhive_inputs.arg0']).toBe(1);
  });

  it('returns non-functions unchanged', () => {
    const notAFunction = { a: 1 };
    expect(trace(notAFunction as unknown as () => void)).toBe(notAFunction);
  });

  it('atrace is trace', () => {
    expect(atrace).toBe(trace);
  });
});

describe('trace() on async and promise-returning functions', () => {
  it('ends the span when the promise resolves, with the same value', async () => {
    const value = { items: [1, 2] };
    let resolve!: (v: typeof value) => void;
    const traced = trace(function pending() {
      return new Promise<typeof value>((r) => {
        resolve = r;
      });
    }, { tracer: tracing.tracer });
    const promise = traced();
    expect(promise).toBeInstanceOf(Promise);
    expect(tracing.spans()).toHaveLength(0);
    resolve(value);
    await expect(promise).resolves.toBe(value);
    const span = tracing.span('pending');
    expect(span.attributes[`${OUTPUT_RESULT_KEY}.items.1`]).toBe(2);
  });

  it('keeps the span active across awaits so children nest', async () => {
    const child = trace(async function child(n: number) {
      await new Promise((r) => setTimeout(r, 1));
      return n * 2;
    }, { tracer: tracing.tracer });
    const parent = trace(async function parent() {
      const a = await child(1);
      await new Promise((r) => setImmediate(r));
      const b = await child(2);
      return a + b;
    }, { tracer: tracing.tracer });
    await expect(parent()).resolves.toBe(6);
    const parentId = tracing.span('parent').spanContext().spanId;
    const children = tracing.spans().filter((span) => span.name === 'child');
    expect(children).toHaveLength(2);
    for (const span of children) expect(span.parentSpanContext?.spanId).toBe(parentId);
  });

  it('rejects with the same error object and records it', async () => {
    const error = new TypeError('bad input');
    const fn = jest.fn(async () => {
      await Promise.resolve();
      throw error;
    });
    const traced = trace(fn, { tracer: tracing.tracer, eventName: 'rejecting' });
    await expect(traced()).rejects.toBe(error);
    expect(fn).toHaveBeenCalledTimes(1);
    const spans = tracing.spans();
    expect(spans).toHaveLength(1);
    expect(spans[0]?.status.code).toBe(SpanStatusCode.ERROR);
    expect(spans[0]?.attributes[ATTR.ERROR_TYPE]).toBe('TypeError');
    expect(spans[0]?.events).toHaveLength(1);
  });

  it('follows a non-Promise thenable once, like await', async () => {
    let thenCalls = 0;
    const thenable = {
      then(onFulfilled: (value: string) => void) {
        thenCalls += 1;
        onFulfilled('from thenable');
      },
    };
    const traced = trace(function lazy() {
      return thenable;
    }, { tracer: tracing.tracer });
    await expect(traced()).resolves.toBe('from thenable');
    expect(thenCalls).toBe(1);
    expect(tracing.span('lazy').attributes[OUTPUT_RESULT_KEY]).toBe('from thenable');
  });

  it('keeps a Promise subclass type', async () => {
    class TaggedPromise<T> extends Promise<T> {}
    const traced = trace(function tagged() {
      return TaggedPromise.resolve(5);
    }, { tracer: tracing.tracer });
    const result = traced();
    expect(result).toBeInstanceOf(TaggedPromise);
    await expect(result).resolves.toBe(5);
  });

  it('gives the wrapper of an async function the AsyncFunction prototype', () => {
    async function work() {
      return 1;
    }
    const traced = trace(work, { tracer: tracing.tracer });
    expect(Object.getPrototypeOf(traced)).toBe(Object.getPrototypeOf(work));
    return traced();
  });

  it('does not leak the span into the caller context', async () => {
    const traced = trace(async function scoped() {
      return otelTrace.getSpan(context.active())?.spanContext().spanId;
    }, { tracer: tracing.tracer });
    const inside = await traced();
    expect(inside).toBe(tracing.span('scoped').spanContext().spanId);
    expect(otelTrace.getActiveSpan()).toBeUndefined();
  });
});
