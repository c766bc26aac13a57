import { InstanceHooks, followSettlement, whenCollected } from '@honeyhive/utils';
import type { StreamSink } from './stream-sink';
import { followedIterator } from './traced-iterators';

type Method = (...args: unknown[]) => unknown;

/** The ways to consume a web `ReadableStream`; each is overridden on the instance until the first is used. */
const CONSUMING_METHODS: readonly PropertyKey[] = ['getReader', 'pipeTo', 'pipeThrough', 'tee', 'values', Symbol.asyncIterator, 'cancel'];

/** True for a WHATWG `ReadableStream` of this runtime (Node's `stream/web`, the global one). */
export function isWebReadableStream(value: object): boolean {
  const ReadableStreamClass = (globalThis as { ReadableStream?: unknown }).ReadableStream;
  try {
    return typeof ReadableStreamClass === 'function' && value instanceof ReadableStreamClass;
  } catch {
    return false;
  }
}

function methodOf(target: object, key: PropertyKey): Method | undefined {
  try {
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function' ? (value as Method) : undefined;
  } catch {
    return undefined;
  }
}

/** What the branches of one `tee()` share: how many are still open, and whether any was read. */
interface TeeState {
  open: number;
  anyRead: boolean;
}

/**
 * A share of a sink for one branch of `tee()`: the stream has ended when every branch has (read to the
 * end, cancelled, or garbage-collected unread); it is abandoned only when no branch was read.
 */
class BranchSink implements StreamSink {
  private ended = false;
  private stopWatching: (() => void) | undefined;

  constructor(
    private readonly shared: StreamSink,
    private readonly state: TeeState,
    private readonly keepsChunks: boolean,
  ) {}

  get context() {
    return this.shared.context;
  }

  get isEnded(): boolean {
    return this.ended || this.shared.isEnded;
  }

  addChunk(value: unknown): void {
    if (this.keepsChunks && !this.ended) this.shared.addChunk(value);
  }

  succeedStream(): void {
    if (!this.end()) return;
    this.state.anyRead = true;
    closeBranch(this.shared, this.state);
  }

  fail(error: unknown): void {
    if (this.end()) this.shared.fail(error);
  }

  abandon(): void {
    if (this.end()) closeBranch(this.shared, this.state);
  }

  watch(target: object): void {
    this.stopWatching?.();
    this.stopWatching = this.ended ? undefined : whenCollected(target, () => this.abandon());
  }

  private end(): boolean {
    if (this.ended) return false;
    this.ended = true;
    this.stopWatching?.();
    this.stopWatching = undefined;
    return true;
  }
}

function closeBranch(shared: StreamSink, state: TeeState): void {
  state.open -= 1;
  if (state.open > 0) return;
  if (state.anyRead) shared.succeedStream();
  else shared.abandon();
}

/**
 * Follows a reader in place: the span ends when the stream closes (read to the end, or cancelled) or
 * errors, as its `closed` promise says (a promise the streams standard marks handled, so observing it
 * hides nothing). `releaseLock()` hands the stream back: it is followed again, for its next consumer.
 */
function followReader(stream: object, reader: unknown, sink: StreamSink): void {
  if (reader === null || typeof reader !== 'object') return;
  let released = false;
  const release = methodOf(reader, 'releaseLock');
  if (release !== undefined) {
    const hooks = new InstanceHooks(reader);
    hooks.set('releaseLock', function (this: unknown, ...args: unknown[]): unknown {
      released = true;
      hooks.restore();
      const result = Reflect.apply(release, this, args);
      if (!sink.isEnded) followWebStream(stream, sink);
      return result;
    });
  }
  try {
    const closed: unknown = Reflect.get(reader, 'closed');
    if (closed === null || typeof closed !== 'object' || typeof (closed as { then?: unknown }).then !== 'function') return;
    (closed as PromiseLike<unknown>).then(
      () => {
        if (!released) sink.succeedStream();
      },
      (error: unknown) => {
        if (!released) sink.fail(error);
      },
    );
  } catch {
    // not a standard reader: the span ends when the stream is collected
  }
}

function followOutcome(promise: unknown, sink: StreamSink): unknown {
  return followSettlement(promise, { fulfilled: () => sink.succeedStream(), rejected: (error) => sink.fail(error) });
}

/**
 * Follows a web `ReadableStream` in place, so the caller keeps the very stream: its consuming methods
 * (`getReader`, `pipeTo`, `pipeThrough`, `tee`, `values`, `[Symbol.asyncIterator]`, `cancel`) are overridden
 * on the instance until the first of them is called — directly, or by `new Response(stream)`,
 * `Readable.fromWeb(stream)`, `for await` — which puts the stream back as it was and follows that
 * consumption: the span ends when the stream has been read to the end, is cancelled, or errors. A
 * `pipeThrough()` output and both `tee()` branches are followed the same way. Until consumed, the span is
 * abandoned if the stream is garbage-collected. False, changing nothing, when the stream refuses the overrides.
 */
export function followWebStream(stream: object, sink: StreamSink): boolean {
  const hooks = new InstanceHooks(stream);
  const take = (): void => hooks.restore();
  const originals = new Map<PropertyKey, Method>();
  for (const key of CONSUMING_METHODS) {
    const method = methodOf(stream, key);
    if (method !== undefined) originals.set(key, method);
  }
  const consume = (key: PropertyKey, follow: (result: unknown) => unknown) => {
    const method = originals.get(key);
    if (method === undefined) return true;
    return hooks.set(key, function (this: unknown, ...args: unknown[]): unknown {
      take();
      const result = Reflect.apply(method, this, args);
      try {
        return follow(result);
      } catch {
        return result;
      }
    });
  };
  const hooked =
    consume('getReader', (reader) => {
      followReader(stream, reader, sink);
      return reader;
    }) &&
    consume('pipeTo', (promise) => followOutcome(promise, sink)) &&
    consume('pipeThrough', (output) => {
      if (output === null || typeof output !== 'object' || !isWebReadableStream(output) || !followWebStream(output, sink)) sink.succeedStream();
      return output;
    }) &&
    consume('tee', (branches) => {
      if (!Array.isArray(branches)) return branches;
      const state: TeeState = { open: branches.length, anyRead: false };
      branches.forEach((branch: unknown, index) => {
        const share = new BranchSink(sink, state, index === 0);
        if (branch === null || typeof branch !== 'object' || !followWebStream(branch, share)) share.succeedStream();
      });
      return branches;
    }) &&
    consume('values', (iterator) => followedIterator(iterator, sink, true, true)) &&
    consume(Symbol.asyncIterator, (iterator) => followedIterator(iterator, sink, true, true)) &&
    consume('cancel', (promise) => followOutcome(promise, sink));
  if (!hooked || !originals.has('getReader')) {
    hooks.restore();
    return false;
  }
  sink.watch(stream);
  return true;
}
