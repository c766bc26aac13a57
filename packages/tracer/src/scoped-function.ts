import { context as otelContext, type Context } from '@opentelemetry/api';
import type { AnyFunction } from '@honeyhive/instrumentation';

/**
 * Wraps `fn` so that each call runs in the context `enter(active)` returns (a tracer's scope), so that traced
 * functions called inside find that tracer. `this`, the arguments, the result and any error pass through
 * unchanged, and `fn` runs exactly once per call (if `enter` throws, it runs in the active context).
 * Keeps `name` and `length`.
 */
export function scopedFunction<F extends AnyFunction>(fn: F, enter: (active: Context) => Context): F {
  const wrapper = function (this: unknown, ...args: unknown[]): unknown {
    const active = otelContext.active();
    let ctx: Context;
    try {
      ctx = enter(active);
    } catch {
      ctx = active;
    }
    return otelContext.with(ctx, fn as (...params: unknown[]) => unknown, this, ...args);
  };
  for (const key of ['name', 'length'] as const) {
    try {
      Object.defineProperty(wrapper, key, { value: fn[key], configurable: true });
    } catch {
      // cosmetic only
    }
  }
  return wrapper as unknown as F;
}
