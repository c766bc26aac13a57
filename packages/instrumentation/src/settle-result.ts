import { followSettlement, isThenable } from '@honeyhive/utils';
import { context } from '@opentelemetry/api';
import type { CallRecorder } from './call-recorder';
import { followAsyncIterable, followIterator } from './traced-iterators';
import { followNodeReadable, isNodeReadable } from './traced-node-stream';
import { followWebStream, isWebReadableStream } from './traced-web-stream';

type ResultKind = 'generator' | 'async-generator' | 'web-stream' | 'node-stream' | 'async-iterable' | 'value';

/**
 * Methods of an SDK promise that consume it without its `then` (the Stainless-generated clients: OpenAI,
 * Anthropic, …): `withResponse()` parses the body and returns it with the raw response, `asResponse()`
 * returns the raw response unread.
 */
const SDK_RESPONSE_METHODS: readonly string[] = ['withResponse', 'asResponse'];

function isObjectLike(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function kindOf(value: unknown): ResultKind {
  try {
    if (!isObjectLike(value)) return 'value';
    const tag = Object.prototype.toString.call(value);
    if (tag === '[object Generator]') return 'generator';
    if (tag === '[object AsyncGenerator]') return 'async-generator';
    if (isWebReadableStream(value)) return 'web-stream';
    if (isNodeReadable(value)) return 'node-stream';
    if (typeof (value as { [Symbol.asyncIterator]?: unknown })[Symbol.asyncIterator] === 'function') return 'async-iterable';
  } catch {
    // an exotic object: treat it as a plain value
  }
  return 'value';
}

function follow(value: object, kind: ResultKind, recorder: CallRecorder): boolean {
  switch (kind) {
    case 'generator':
      return followIterator(value, recorder, false);
    case 'async-generator':
      return followIterator(value, recorder, true);
    case 'web-stream':
      return followWebStream(value, recorder);
    case 'node-stream':
      return followNodeReadable(value, recorder);
    case 'async-iterable':
      return followAsyncIterable(value, recorder);
    default:
      return false;
  }
}

/**
 * A settled (non-promise) value: a stream is followed in place until it is consumed, cancelled, fails or
 * is garbage-collected unconsumed; anything else ends the span now. A stream that refuses to be followed
 * (a frozen object) ends the span now, without capturing the stream itself.
 */
function settleValue(value: unknown, recorder: CallRecorder): void {
  try {
    const kind = kindOf(value);
    if (kind === 'value') {
      recorder.succeed(value);
      return;
    }
    if (!follow(value as object, kind, recorder)) recorder.succeedStream();
  } catch {
    recorder.succeed(undefined);
  }
}

/**
 * What the traced wrapper returns for the user's `result`: `result` itself, the very object, and never
 * started earlier than the caller starts it. The span ends now for a plain value; when a promise settles
 * (a lazy thenable — a query builder, an SDK promise — when the caller first awaits it); when a generator,
 * async iterable or stream (web `ReadableStream`, Node `Readable`) is consumed to its end, stopped,
 * cancelled or fails; or, if none of that ever happens, as abandoned once the result is garbage-collected.
 * See `followSettlement` for how a rejection stays as visible to the host as without tracing. Never throws.
 */
export function settleResult(result: unknown, recorder: CallRecorder): unknown {
  if (!isThenable(result)) {
    settleValue(result, recorder);
    return result;
  }
  return followSettlement(
    result,
    {
      fulfilled: (value) => settleValue(value, recorder),
      rejected: (error) => recorder.fail(error),
      abandoned: () => recorder.abandon(),
    },
    // a lazy thenable's work starts when it is awaited: with the call's span active, as if it had run in the call
    { consumers: SDK_RESPONSE_METHODS, callWith: (start) => context.with(recorder.context, start) },
  );
}
