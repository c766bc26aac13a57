import { context } from '@opentelemetry/api';
import type { CallRecorder } from './call-recorder';

type StepMethod = 'next' | 'return' | 'throw';
type Stepper = Record<StepMethod, ((value?: unknown) => unknown) | undefined>;

function stepDone(result: unknown): { done: boolean; value: unknown } {
  try {
    if (result === null || typeof result !== 'object') return { done: false, value: undefined };
    const { done, value } = result as { done?: unknown; value?: unknown };
    return { done: done === true, value };
  } catch {
    return { done: false, value: undefined };
  }
}

/** Calls `inner[method](arg)`; a missing `return` behaves as the protocol says (done, value = arg). */
function callInner(inner: Stepper, method: StepMethod, arg: unknown, isAsync: boolean): unknown {
  const fn = inner[method];
  if (typeof fn === 'function') return Reflect.apply(fn, inner, [arg]);
  const finished = { done: true, value: arg };
  return isAsync ? Promise.resolve(finished) : finished;
}

function observe(recorder: CallRecorder, result: unknown): void {
  try {
    const { done, value } = stepDone(result);
    if (done) recorder.succeedStream();
    else recorder.addChunk(value);
  } catch {
    // observing never breaks iteration
  }
}

function syncStep(inner: Stepper, recorder: CallRecorder, method: StepMethod, arg: unknown): unknown {
  if (recorder.isEnded) return callInner(inner, method, arg, false);
  let result: unknown;
  try {
    result = context.with(recorder.context, callInner, undefined, inner, method, arg, false);
  } catch (error) {
    recorder.fail(error);
    throw error;
  }
  observe(recorder, result);
  return result;
}

function asyncStep(inner: Stepper, recorder: CallRecorder, method: StepMethod, arg: unknown): unknown {
  if (recorder.isEnded) return callInner(inner, method, arg, true);
  let pending: unknown;
  try {
    pending = context.with(recorder.context, callInner, undefined, inner, method, arg, true);
  } catch (error) {
    recorder.fail(error);
    throw error;
  }
  return Promise.resolve(pending).then(
    (result) => {
      observe(recorder, result);
      return result;
    },
    (error: unknown) => {
      recorder.fail(error);
      throw error;
    },
  );
}

/**
 * An iterator that forwards `next`/`return`/`throw` to `inner`, each step running with the call's span
 * active, and ends the span when the iteration is done, fails, or the consumer stops early (`return()`,
 * e.g. `break` in a for-of loop). Items and results pass through unchanged. With `keepPrototype` the
 * wrapper inherits from `inner`'s prototype (a generator stays `instanceof` its generator function).
 */
export function traceIterator<T extends object>(inner: T, recorder: CallRecorder, isAsync: boolean, keepPrototype: boolean): T {
  const stepper = inner as unknown as Stepper;
  const proto: object | null = keepPrototype ? Object.getPrototypeOf(inner) : Object.prototype;
  const wrapper = Object.create(proto) as Record<PropertyKey, unknown>;
  const step = isAsync ? asyncStep : syncStep;
  const define = (key: PropertyKey, value: unknown) =>
    Object.defineProperty(wrapper, key, { value, writable: true, configurable: true, enumerable: false });
  define('next', (arg?: unknown) => step(stepper, recorder, 'next', arg));
  define('return', (arg?: unknown) => step(stepper, recorder, 'return', arg));
  if (typeof stepper.throw === 'function') define('throw', (arg?: unknown) => step(stepper, recorder, 'throw', arg));
  define(isAsync ? Symbol.asyncIterator : Symbol.iterator, function self(this: unknown) {
    return this;
  });
  return wrapper as unknown as T;
}

function canIntercept(target: object, property: PropertyKey): boolean {
  const own = Reflect.getOwnPropertyDescriptor(target, property);
  return own === undefined || own.configurable === true || own.writable === true || 'get' in own;
}

/** True when `value` is an object whose async iterator a proxy may replace. */
export function canTraceAsyncIterable(value: object): boolean {
  try {
    return canIntercept(value, Symbol.asyncIterator);
  } catch {
    return false;
  }
}

/**
 * A proxy of an async iterable (an SDK stream object) that traces the first iteration of it with
 * {@link traceIterator}; every other property reads from `target` (methods bound to it, so classes
 * with private fields keep working). The span stays open until that iteration ends.
 */
export function traceAsyncIterable<T extends object>(target: T, recorder: CallRecorder): T {
  let iterated = false;
  const bound = new WeakMap<Function, Function>();
  return new Proxy(target, {
    get(t, property) {
      const value: unknown = Reflect.get(t, property, t);
      if (typeof value !== 'function' || property === 'constructor' || !canIntercept(t, property)) return value;
      if (property === Symbol.asyncIterator) {
        return function tracedAsyncIterator(...args: unknown[]): unknown {
          const iterator: unknown = Reflect.apply(value, t, args);
          if (iterated || recorder.isEnded || iterator === null || typeof iterator !== 'object') return iterator;
          iterated = true;
          return traceIterator(iterator, recorder, true, false);
        };
      }
      let method = bound.get(value);
      if (method === undefined) {
        method = value.bind(t) as Function;
        bound.set(value, method);
      }
      return method;
    },
  });
}
