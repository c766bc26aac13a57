import { InstanceHooks } from '@honeyhive/utils';
import { context } from '@opentelemetry/api';
import type { StreamSink } from './stream-sink';

type StepMethod = 'next' | 'return' | 'throw';
type Steps = Partial<Record<StepMethod, (value?: unknown) => unknown>>;

const STEP_METHODS: readonly StepMethod[] = ['next', 'return', 'throw'];

function stepDone(result: unknown): { done: boolean; value: unknown } {
  try {
    if (result === null || typeof result !== 'object') return { done: false, value: undefined };
    const { done, value } = result as { done?: unknown; value?: unknown };
    return { done: done === true, value };
  } catch {
    return { done: false, value: undefined };
  }
}

function readSteps(target: object): Steps {
  const steps: Steps = {};
  for (const method of STEP_METHODS) {
    try {
      const fn: unknown = Reflect.get(target, method);
      if (typeof fn === 'function') steps[method] = fn as (value?: unknown) => unknown;
    } catch {
      // treated as missing
    }
  }
  return steps;
}

/** Calls `steps[method]` on `target`; a missing `return` behaves as the protocol says (done, value = arg). */
function callStep(target: object, steps: Steps, method: StepMethod, arg: unknown, isAsync: boolean): unknown {
  const fn = steps[method];
  if (typeof fn === 'function') return Reflect.apply(fn, target, [arg]);
  const finished = { done: true, value: arg };
  return isAsync ? Promise.resolve(finished) : finished;
}

function observe(sink: StreamSink, result: unknown): void {
  try {
    const { done, value } = stepDone(result);
    if (done) sink.succeedStream();
    else sink.addChunk(value);
  } catch {
    // observing never breaks iteration
  }
}

function syncStep(target: object, steps: Steps, sink: StreamSink, method: StepMethod, arg: unknown): unknown {
  if (sink.isEnded) return callStep(target, steps, method, arg, false);
  let result: unknown;
  try {
    result = context.with(sink.context, callStep, undefined, target, steps, method, arg, false);
  } catch (error) {
    sink.fail(error);
    throw error;
  }
  observe(sink, result);
  return result;
}

function asyncStep(target: object, steps: Steps, sink: StreamSink, method: StepMethod, arg: unknown): unknown {
  if (sink.isEnded) return callStep(target, steps, method, arg, true);
  let pending: unknown;
  try {
    pending = context.with(sink.context, callStep, undefined, target, steps, method, arg, true);
  } catch (error) {
    sink.fail(error);
    throw error;
  }
  return Promise.resolve(pending).then(
    (result) => {
      observe(sink, result);
      return result;
    },
    (error: unknown) => {
      sink.fail(error);
      throw error;
    },
  );
}

/**
 * Follows a generator (or another iterator object) in place, so the caller keeps the very object: own
 * `next`/`return`/`throw` overrides forward to the originals with the call's span active, observe each
 * step, end the span when the iteration is done, fails or is stopped early (`return()`, e.g. `break`), and
 * are removed once it has ended. False, changing nothing, when the object refuses the overrides.
 */
export function followIterator(target: object, sink: StreamSink, isAsync: boolean): boolean {
  const steps = readSteps(target);
  if (steps.next === undefined) return false;
  const hooks = new InstanceHooks(target);
  const step = isAsync ? asyncStep : syncStep;
  const settle = (result: unknown): unknown => {
    if (sink.isEnded) hooks.restore();
    return result;
  };
  for (const method of STEP_METHODS) {
    if (method !== 'return' && steps[method] === undefined) continue;
    const forward = function (this: unknown, arg?: unknown): unknown {
      const result = step(target, steps, sink, method, arg);
      return isAsync ? (result as Promise<unknown>).then(settle) : settle(result);
    };
    if (!hooks.set(method, forward)) {
      hooks.restore();
      return false;
    }
  }
  sink.watch(target);
  return true;
}

/**
 * A new iterator that forwards `next`/`return`/`throw` to `inner` as {@link followIterator} does, for an
 * iterator handed out by an iterable's `[Symbol.asyncIterator]()` that cannot be followed in place.
 * With `keepPrototype` the wrapper inherits from `inner`'s prototype.
 */
function traceIterator<T extends object>(inner: T, sink: StreamSink, isAsync: boolean, keepPrototype: boolean): T {
  const steps = readSteps(inner);
  const proto: object | null = keepPrototype ? Object.getPrototypeOf(inner) : Object.prototype;
  const wrapper = Object.create(proto) as Record<PropertyKey, unknown>;
  const step = isAsync ? asyncStep : syncStep;
  const define = (key: PropertyKey, value: unknown) =>
    Object.defineProperty(wrapper, key, { value, writable: true, configurable: true, enumerable: false });
  define('next', (arg?: unknown) => step(inner, steps, sink, 'next', arg));
  define('return', (arg?: unknown) => step(inner, steps, sink, 'return', arg));
  if (steps.throw !== undefined) define('throw', (arg?: unknown) => step(inner, steps, sink, 'throw', arg));
  define(isAsync ? Symbol.asyncIterator : Symbol.iterator, function self(this: unknown) {
    return this;
  });
  sink.watch(wrapper);
  return wrapper as unknown as T;
}

/** The iterator a consumer gets from a followed iterable: `iterator` followed in place, else a wrapper. */
export function followedIterator(iterator: unknown, sink: StreamSink, isAsync: boolean, keepPrototype: boolean): unknown {
  if (sink.isEnded || iterator === null || typeof iterator !== 'object') return iterator;
  if (followIterator(iterator, sink, isAsync)) return iterator;
  return traceIterator(iterator, sink, isAsync, keepPrototype);
}

/**
 * Follows an async iterable (an SDK stream object) in place: an own `[Symbol.asyncIterator]` override
 * waits for the first iteration — whoever starts it: a `for await`, or the object's own methods such as
 * `toReadableStream()` or `tee()` — puts the object back as it was, and follows that iteration; the span
 * ends when it ends. Until then the span is abandoned if the object is garbage-collected. False, changing
 * nothing, when the object refuses the override.
 */
export function followAsyncIterable(target: object, sink: StreamSink): boolean {
  let original: unknown;
  try {
    original = Reflect.get(target, Symbol.asyncIterator);
  } catch {
    return false;
  }
  if (typeof original !== 'function') return false;
  const iterate = original as (...args: unknown[]) => unknown;
  const hooks = new InstanceHooks(target);
  const hooked = hooks.set(Symbol.asyncIterator, function (this: unknown, ...args: unknown[]): unknown {
    hooks.restore();
    return followedIterator(Reflect.apply(iterate, this, args), sink, true, false);
  });
  if (hooked) sink.watch(target);
  return hooked;
}
