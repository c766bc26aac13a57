import type { StreamSink } from './stream-sink';

interface ReadableLike {
  on(event: string, listener: (...args: unknown[]) => void): unknown;
  removeListener?(event: string, listener: (...args: unknown[]) => void): unknown;
  readonly errored?: unknown;
  readonly closed?: unknown;
  readonly destroyed?: unknown;
  readonly readableEnded?: unknown;
}

/** A Node.js readable stream (or duplex): consumed by events, `pipe` and iteration alike. */
export function isNodeReadable(value: object): boolean {
  const candidate = value as { pipe?: unknown; on?: unknown; read?: unknown };
  return typeof candidate.pipe === 'function' && typeof candidate.on === 'function' && typeof candidate.read === 'function';
}

function settleClosed(stream: ReadableLike, sink: StreamSink): void {
  const errored = stream.errored;
  if (errored !== null && errored !== undefined) sink.fail(errored);
  else sink.succeedStream();
}

/**
 * Follows a Node.js `Readable` without consuming it or changing how it flows: only `'end'` and `'close'`
 * listeners are added (never `'data'`/`'readable'`, which would start the flow, nor `'error'`, which would
 * hide an unhandled stream error from the host). The span ends when the stream ends, or closes — with its
 * error, if it was destroyed by one. Nothing of the stream is captured. Until then, the span is abandoned
 * if the stream is garbage-collected. False when the stream does not take listeners.
 */
export function followNodeReadable(value: object, sink: StreamSink): boolean {
  const stream = value as ReadableLike;
  try {
    if (stream.closed === true || stream.destroyed === true) {
      settleClosed(stream, sink);
      return true;
    }
    const onEnd = (): void => sink.succeedStream();
    const onClose = (): void => settleClosed(stream, sink);
    stream.on('end', onEnd);
    stream.on('close', onClose);
    sink.watch(value);
    return true;
  } catch {
    return false;
  }
}
