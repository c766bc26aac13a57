/** How a piece of work ended: with a value, with an error, or not within the time allowed. */
export type Settled<T> = { status: 'ok'; value: T } | { status: 'error'; error: unknown } | { status: 'timeout' };

/** setTimeout's ceiling; larger delays would fire at once. */
const MAX_DELAY_MS = 2_147_483_647;

/** `timeoutMs` when it is a finite number ≥ 0 (capped to what setTimeout accepts), else `fallback`. */
export function resolveTimeout(timeoutMs: unknown, fallback: number): number {
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs < 0) return fallback;
  return Math.min(timeoutMs, MAX_DELAY_MS);
}

/** Options of {@link settleWithin}. */
export interface SettleWithinOptions {
  /**
   * Keep the process alive until the work settles or the time is up (a ref'd timer): for waits a caller
   * awaits, such as `flush()`, whose work (sockets, retries) does not hold the process itself. Default
   * false: the timer is unref'd and never keeps the process alive.
   */
  keepAlive?: boolean;
}

/**
 * Runs `work` and resolves to how it settled, or to `timeout` after `timeoutMs`. The timer is cleared as
 * soon as the work settles; it is unref'd unless `options.keepAlive`. Never rejects; a `work` that throws
 * synchronously counts as an error.
 */
export function settleWithin<T>(work: () => T | PromiseLike<T>, timeoutMs: number, options: SettleWithinOptions = {}): Promise<Settled<T>> {
  return new Promise((resolve) => {
    let done = false;
    const finish = (result: Settled<T>): void => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      resolve(result);
    };
    const timer = setTimeout(() => finish({ status: 'timeout' }), timeoutMs);
    if (options.keepAlive !== true) timer.unref?.();
    try {
      Promise.resolve(work()).then(
        (value) => finish({ status: 'ok', value }),
        (error: unknown) => finish({ status: 'error', error }),
      );
    } catch (error) {
      finish({ status: 'error', error });
    }
  });
}

/** Runs `work` and resolves to how it settled, with no time limit. Never rejects. */
export async function settle<T>(work: () => T | PromiseLike<T>): Promise<Settled<T>> {
  try {
    return { status: 'ok', value: await work() };
  } catch (error) {
    return { status: 'error', error };
  }
}
