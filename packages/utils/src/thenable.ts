/**
 * Whether `value` is a promise or another thenable. Reading `then` on a hostile object (a proxy, a throwing
 * getter) counts as "not thenable" instead of throwing.
 */
export function isThenable(value: unknown): value is PromiseLike<unknown> {
  if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return false;
  try {
    return typeof (value as { then?: unknown }).then === 'function';
  } catch {
    return false;
  }
}
