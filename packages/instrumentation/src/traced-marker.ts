import type { AnyFunction } from './trace-options';

/** Marks a wrapper made by `trace()` (shared across copies of this package through the global registry). */
const TRACED = Symbol.for('honeyhive.instrumentation.traced');

/** True when `fn` is a wrapper made by `trace()` (or a decorator of this package). Never throws. */
export function isTraced(fn: unknown): boolean {
  try {
    return typeof fn === 'function' && Object.prototype.hasOwnProperty.call(fn, TRACED);
  } catch {
    return false;
  }
}

/** Marks `wrapper` as traced, remembering the function it wraps (non-enumerable). */
export function markTraced(wrapper: AnyFunction, original: AnyFunction): void {
  Object.defineProperty(wrapper, TRACED, { value: original, enumerable: false, writable: false, configurable: false });
}

/** The function a traced wrapper wraps, or `fn` itself when it is not one. */
export function untraced<F extends AnyFunction>(fn: F): F {
  return isTraced(fn) ? ((fn as unknown as Record<symbol, F>)[TRACED] as F) : fn;
}
