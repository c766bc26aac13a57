import { types } from 'node:util';
import { whenCollected } from './collected';
import { InstanceHooks } from './instance-hooks';

/** What {@link followSettlement} reports. At most one callback runs, once; a callback that throws is ignored. */
export interface SettlementObserver {
  /** The promise or thenable fulfilled with `value`. */
  fulfilled(value: unknown): void;
  /** It rejected with `error` (the very object). */
  rejected(error: unknown): void;
  /**
   * It was garbage-collected unsettled: a lazy thenable nobody awaited (or whose work dropped its handlers).
   * Without this callback such a result is simply never reported.
   */
  abandoned?(): void;
}

/** Options of {@link followSettlement}. */
export interface FollowOptions {
  /**
   * Methods of a lazy thenable that consume it without calling its `then` (an SDK's `withResponse()`):
   * calling one settles the follow with what the method's promise settles with.
   */
  consumers?: readonly string[];
  /**
   * Runs the consumer's first call of a lazy thenable — the moment its work starts — e.g. in the context the
   * thenable was created in. Must call `start` exactly once and return what it returns.
   */
  callWith?: (start: () => unknown) => unknown;
}

type AnyFunction = (...args: unknown[]) => unknown;

const NATIVE_THEN = /^function then\(\) \{\s*\[native code\]\s*\}$/;
const NOOP = (): undefined => undefined;

const PROMISE_THEN: unknown = Promise.prototype.then;
/** `then` functions already told apart (another realm's native `then`, or a subclass's own). */
const nativeThens = new WeakMap<object, boolean>();

function isNativeThen(then: unknown): boolean {
  if (then === PROMISE_THEN) return true;
  if (typeof then !== 'function') return false;
  const known = nativeThens.get(then);
  if (known !== undefined) return known;
  let native = false;
  try {
    native = NATIVE_THEN.test(Function.prototype.toString.call(then));
  } catch {
    // not native
  }
  nativeThens.set(then, native);
  return native;
}

function readMethod(target: object, key: PropertyKey): AnyFunction | undefined {
  try {
    const value: unknown = Reflect.get(target, key);
    return typeof value === 'function' ? (value as AnyFunction) : undefined;
  } catch {
    return undefined;
  }
}

/** Delivers one outcome to an observer, and watches the followed object for collection until then. */
class Outcome {
  private settled = false;
  private stopWatching: (() => void) | undefined;

  constructor(private readonly observer: SettlementObserver) {}

  get done(): boolean {
    return this.settled;
  }

  /** Reports `abandoned` if `target` is collected first; the callback holds no reference to `target`. */
  watch(target: object): void {
    if (this.settled || typeof this.observer.abandoned !== 'function') return;
    this.stopWatching?.();
    this.stopWatching = whenCollected(target, () => this.abandoned());
  }

  fulfilled(value: unknown): void {
    if (this.finish()) this.call(() => this.observer.fulfilled(value));
  }

  rejected(error: unknown): void {
    if (this.finish()) this.call(() => this.observer.rejected(error));
  }

  abandoned(): void {
    if (this.finish()) this.call(() => this.observer.abandoned?.());
  }

  private finish(): boolean {
    if (this.settled) return false;
    this.settled = true;
    this.stopWatching?.();
    this.stopWatching = undefined;
    return true;
  }

  private call(report: () => void): void {
    try {
      report();
    } catch {
      // observing never breaks the caller
    }
  }
}

/** Promises whose consumer is awaited, with what to do when it shows up (see {@link watchConsumption}). */
const awaitingConsumer = new WeakMap<object, () => void>();

/** The watched promise `receiver` is, or inherits from. */
function watchedHolder(receiver: unknown): object | undefined {
  let current: unknown = receiver;
  for (let depth = 0; depth < 16 && current !== null && typeof current === 'object'; depth += 1) {
    if (awaitingConsumer.has(current)) return current;
    current = Object.getPrototypeOf(current);
  }
  return undefined;
}

/** Removes the accessor and runs the promise's consumer callback, once. */
function consumerArrived(holder: object): void {
  const onConsumed = awaitingConsumer.get(holder);
  awaitingConsumer.delete(holder);
  Reflect.deleteProperty(holder, 'constructor');
  try {
    onConsumed?.();
  } catch {
    // never breaks the consumer
  }
}

// One getter/setter pair for every watched promise, so they all share V8's hidden classes: a pair per
// promise would give each its own, and cost every traced async call a garbage-collected map.
function getConstructor(this: unknown): unknown {
  const holder = watchedHolder(this);
  if (holder !== undefined) consumerArrived(holder);
  return holder === undefined ? undefined : Reflect.get(holder, 'constructor', this);
}

function setConstructor(this: unknown, value: unknown): void {
  const holder = watchedHolder(this);
  if (holder === undefined) return;
  consumerArrived(holder);
  Reflect.defineProperty(holder, 'constructor', { value, writable: true, configurable: true, enumerable: false });
}

const CONSTRUCTOR_WATCH: PropertyDescriptor = { get: getConstructor, set: setConstructor, configurable: true, enumerable: false };

/**
 * Calls `onConsumed` the first time anything reads `promise.constructor` — which `await`, `then`, `catch`,
 * `finally`, `Promise.resolve/all/race/any/allSettled` and returning it from an async function all do before
 * they attach a reaction — through an own accessor that removes itself on that first read. False when the
 * promise cannot take the accessor (frozen, or it owns a `constructor` already).
 */
function watchConsumption(promise: object, onConsumed: () => void): boolean {
  try {
    if (!Object.isExtensible(promise) || Object.prototype.hasOwnProperty.call(promise, 'constructor')) return false;
    awaitingConsumer.set(promise, onConsumed);
    if (Reflect.defineProperty(promise, 'constructor', CONSTRUCTOR_WATCH)) return true;
    awaitingConsumer.delete(promise);
    return false;
  } catch {
    awaitingConsumer.delete(promise);
    return false;
  }
}

/**
 * A native promise: observed at once (it runs anyway), handed back as the same object. The observing
 * reaction marks the promise handled, so a rejection nobody else handles would vanish; instead, when the
 * promise rejects before any consumer showed up, the reaction rethrows and its own promise carries the same
 * error to the host's `unhandledRejection`; a consumer arriving later marks that promise handled in turn.
 */
function followNativePromise(promise: object, then: AnyFunction, outcome: Outcome): unknown {
  let consumed = false;
  let surfaced = false;
  const observing = Reflect.apply(then, promise, [
    (value: unknown) => {
      outcome.fulfilled(value);
      return value;
    },
    (error: unknown) => {
      outcome.rejected(error);
      if (consumed) return undefined;
      surfaced = true;
      throw error;
    },
  ]) as PromiseLike<unknown>;
  const watched = watchConsumption(promise, () => {
    consumed = true;
    if (surfaced) Reflect.apply(then, observing, [undefined, NOOP]);
  });
  // not watched for collection: a native promise settles unless its code forgets it, and a
  // FinalizationRegistry entry per call would cost every traced async call
  return watched ? promise : observing;
}

/** Runs `start` once, through `options.callWith` when given; a `callWith` that fails is bypassed, `start`'s own error is thrown. */
function startWork(options: FollowOptions | undefined, start: () => unknown): unknown {
  const callWith = options?.callWith;
  if (typeof callWith !== 'function') return start();
  let state: 'idle' | 'returned' | 'threw' = 'idle';
  let outcome: unknown;
  const once = (): unknown => {
    if (state === 'idle') {
      try {
        outcome = start();
        state = 'returned';
      } catch (error) {
        outcome = error;
        state = 'threw';
      }
    }
    if (state === 'threw') throw outcome;
    return outcome;
  };
  try {
    callWith(once);
  } catch {
    // start's own error is rethrown below; a failure of callWith itself is ignored
  }
  return once();
}

/**
 * The handlers forwarded to a lazy thenable's `then`: they report the outcome, then do what the consumer's
 * handlers (or their absence) would. From now on the work is in flight, so the outcome watches the handlers
 * instead of the thenable: if whatever holds them drops them unsettled, that is an abandoned result too.
 */
function settlingHandlers(outcome: Outcome, onFulfilled: unknown, onRejected: unknown): [AnyFunction, AnyFunction] {
  const link = {};
  const fulfilled = (value: unknown): unknown => {
    void link;
    outcome.fulfilled(value);
    return typeof onFulfilled === 'function' ? Reflect.apply(onFulfilled, undefined, [value]) : value;
  };
  const rejected = (error: unknown): unknown => {
    void link;
    outcome.rejected(error);
    if (typeof onRejected === 'function') return Reflect.apply(onRejected, undefined, [error]);
    throw error;
  };
  outcome.watch(link);
  return [fulfilled, rejected];
}

/**
 * Any other thenable (a query builder, an SDK promise whose `then` starts the work): nothing is called
 * before the consumer asks. Per-instance `then` (and custom `catch`/`finally`/consumer methods) overrides
 * wait for the first consumer call, put the object back as it was, and forward that call with handlers
 * that report the outcome on the way through.
 */
function followLazyThenable(thenable: object, then: AnyFunction, outcome: Outcome, options: FollowOptions | undefined): unknown {
  const hooks = new InstanceHooks(thenable);
  const start = (): void => hooks.restore();
  const callThen = (self: unknown, onFulfilled?: unknown, onRejected?: unknown): unknown => {
    const [fulfilled, rejected] = settlingHandlers(outcome, onFulfilled, onRejected);
    try {
      return startWork(options, () => Reflect.apply(then, self, [fulfilled, rejected]));
    } catch (error) {
      outcome.rejected(error);
      throw error;
    }
  };
  const hooked = hooks.set('then', function then(this: unknown, onFulfilled?: unknown, onRejected?: unknown): unknown {
    start();
    return callThen(this, onFulfilled, onRejected);
  });
  if (!hooked) {
    // a frozen thenable: following it would mean calling its then; report it settled instead
    outcome.fulfilled(undefined);
    return thenable;
  }
  const ownCatch = readMethod(thenable, 'catch');
  if (ownCatch !== undefined && ownCatch !== Promise.prototype.catch) {
    hooks.set('catch', function (this: unknown, ...args: unknown[]): unknown {
      start();
      if (args.length <= 1) return callThen(this, undefined, args[0]);
      return followWith(startWork(options, () => Reflect.apply(ownCatch, this, args)), outcome, options);
    });
  }
  const ownFinally = readMethod(thenable, 'finally');
  if (ownFinally !== undefined && ownFinally !== Promise.prototype.finally) {
    hooks.set('finally', function (this: unknown, ...args: unknown[]): unknown {
      start();
      return Reflect.apply(Promise.prototype.finally, callThen(this), args);
    });
  }
  for (const name of options?.consumers ?? []) {
    const method = readMethod(thenable, name);
    if (method === undefined) continue;
    hooks.set(name, function (this: unknown, ...args: unknown[]): unknown {
      start();
      return followWith(startWork(options, () => Reflect.apply(method, this, args)), outcome, options);
    });
  }
  outcome.watch(thenable);
  return thenable;
}

function followWith(value: unknown, outcome: Outcome, options: FollowOptions | undefined): unknown {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) {
    outcome.fulfilled(value);
    return value;
  }
  let then: unknown;
  try {
    then = (value as { then?: unknown }).then;
  } catch {
    then = undefined;
  }
  if (typeof then !== 'function') {
    outcome.fulfilled(value);
    return value;
  }
  try {
    if (types.isPromise(value) && isNativeThen(then)) return followNativePromise(value, then as AnyFunction, outcome);
    return followLazyThenable(value, then as AnyFunction, outcome, options);
  } catch {
    outcome.fulfilled(undefined);
    return value;
  }
}

/**
 * Reports when `thenable` settles without changing what its consumer sees, and returns what to hand back
 * in its place: the same object, with its class, methods and own properties.
 *
 * - A native promise (or a subclass that keeps the native `then`) is observed at once. A rejection no
 *   consumer handles still reaches the host's `unhandledRejection` (carried by the observing promise, with
 *   the same error); one the consumer handles is not reported. A frozen promise is handed back as a derived
 *   promise of the same class instead. The consumer is seen by its read of `promise.constructor` (every way to
 *   await or chain a promise does that first), so code that only reads `constructor` counts as a consumer.
 * - Any other thenable is lazy: nothing runs until the consumer calls `then` (or `catch`, `finally`, one of
 *   `options.consumers`); that first call is forwarded exactly once, the object is put back as it was, and the
 *   outcome is what that call settles with. A thenable nobody ever consumes is reported `abandoned` once it is
 *   garbage-collected.
 *
 * Never throws.
 */
export function followSettlement<T>(thenable: T, observer: SettlementObserver, options?: FollowOptions): T {
  try {
    return followWith(thenable, new Outcome(observer), options) as T;
  } catch {
    return thenable;
  }
}
