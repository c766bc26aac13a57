// Which API work may keep the process alive. The sockets and timers of session and event calls are all
// unref'd: a call nobody waits for (the session start sent by the constructor, `withSession`'s) never delays
// the end of the process. While user code awaits such a call (`init()`, `await enrichSession()`, `flush()`),
// one ref'd timer keeps the event loop running until it settles; every call has a deadline, so that is bounded.

/** Longest delay a timer takes (ms): the keep-alive timer never fires, it only holds the loop. */
const FOREVER_MS = 2 ** 31 - 1;

function noop(): void {
  // the timer only keeps the event loop alive
}

/** Keeps the process alive while at least one hold is taken. One ref'd timer, whatever the number of holds. */
export class KeepAlive {
  private holds = 0;
  private timer: NodeJS.Timeout | undefined;

  /** How many holds are taken (for tests and diagnostics). */
  get held(): number {
    return this.holds;
  }

  /** Keeps the process alive until `promise` settles. `promise` must be a plain promise (it is not awaited by user code). */
  during(promise: Promise<unknown>): void {
    this.holds += 1;
    if (this.timer === undefined) this.timer = setInterval(noop, FOREVER_MS);
    const release = (): void => {
      this.holds -= 1;
      if (this.holds === 0 && this.timer !== undefined) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    promise.then(release, release);
  }

  /**
   * A promise that settles like `promise` and, once user code awaits it (or calls `then`, `catch`, `finally`,
   * or passes it to `Promise.all`…), keeps the process alive until it settles. Until then it holds nothing.
   */
  whenAwaited<T>(promise: Promise<T>): Promise<T> {
    return HeldWhenAwaited.wrap(promise, () => this.during(promise));
  }
}

/**
 * A promise that calls `onAwait` the first time its `then` is called. `await` calls `then` on a promise of a
 * subclass (a native promise is awaited without it), and so do `catch`, `finally` and the `Promise` combinators.
 * Derived promises (`p.then(...)`) are plain promises.
 */
class HeldWhenAwaited<T> extends Promise<T> {
  static override get [Symbol.species](): PromiseConstructor {
    return Promise;
  }

  #onAwait: (() => void) | undefined;

  static wrap<T>(promise: Promise<T>, onAwait: () => void): Promise<T> {
    const wrapped = new HeldWhenAwaited<T>((resolve) => resolve(promise));
    wrapped.#onAwait = onAwait;
    return wrapped;
  }

  override then<R1 = T, R2 = never>(
    onfulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onrejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    const onAwait = this.#onAwait;
    if (onAwait !== undefined) {
      this.#onAwait = undefined;
      try {
        onAwait();
      } catch {
        // holding the process open is best effort; the answer must still arrive
      }
    }
    return super.then(onfulfilled, onrejected);
  }
}
