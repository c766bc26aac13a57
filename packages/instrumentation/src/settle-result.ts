import { isThenable } from '@honeyhive/utils';
import type { CallRecorder } from './call-recorder';
import { canTraceAsyncIterable, traceAsyncIterable, traceIterator } from './traced-iterators';

type ResultKind = 'generator' | 'async-generator' | 'async-iterable' | 'value';

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** Node streams are consumed by events and `pipe` as often as by iteration: not followed. */
function isNodeStream(value: object): boolean {
  const candidate = value as { pipe?: unknown; on?: unknown };
  return typeof candidate.pipe === 'function' && typeof candidate.on === 'function';
}

function kindOf(value: unknown): ResultKind {
  try {
    if (!isObjectLike(value)) return 'value';
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Generator]') return 'generator';
    if (tag === '[object AsyncGenerator]') return 'async-generator';
    if (
      typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function' &&
      !isNodeStream(value) &&
      canTraceAsyncIterable(value)
    ) {
      return 'async-iterable';
    }
  } catch {
    // an exotic object: treat it as a plain value
  }
  return 'value';
}

/** A settled (non-promise) value: streams are followed until they end; anything else ends the span now. */
function settleValue(value: unknown, recorder: CallRecorder): unknown {
  try {
    switch (kindOf(value)) {
      case 'generator':
        return traceIterator(value as object, recorder, false, true);
      case 'async-generator':
        return traceIterator(value as object, recorder, true, true);
      case 'async-iterable':
        return traceAsyncIterable(value as object, recorder);
      default:
        recorder.succeed(value);
        return value;
    }
  } catch {
    recorder.succeed(value);
    return value;
  }
}

function settleThenable(result: unknown, recorder: CallRecorder): unknown {
  const onFulfilled = (value: unknown) => settleValue(value, recorder);
  const onRejected = (error: unknown) => {
    recorder.fail(error);
    throw error;
  };
  try {
    // A Promise (subclasses included) is followed through its own then(); another thenable is adopted
    // once by Promise.resolve, exactly as `await` would.
    if (result instanceof Promise) return result.then(onFulfilled, onRejected);
    return Promise.resolve(result).then(onFulfilled, onRejected);
  } catch {
    recorder.succeed(undefined);
    return result;
  }
}

/**
 * What the traced wrapper returns for the user's `result`, ending the span when the result is settled:
 * now for a plain value (returned as is); when a promise/thenable settles (the wrapper returns a promise
 * of the same value or rejection); when a generator, async generator or async iterable (stream) finishes.
 * Never throws.
 */
export function settleResult(result: unknown, recorder: CallRecorder): unknown {
  if (isThenable(result)) return settleThenable(result, recorder);
  return settleValue(result, recorder);
}
