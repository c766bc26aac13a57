/** Milliseconds from a monotonic clock with sub-millisecond precision (`performance.now()`), else `Date.now()`. */
export function monotonicNow(): number {
  try {
    // found on the first call, not at load (reading globalThis.performance loads Node's perf_hooks)
    clock ??= findPerformance();
    if (clock !== null) return clock.now();
  } catch {
    // fall through
  }
  return Date.now();
}

interface PerformanceLike {
  now(): number;
}

/** The global `performance` (a getter in Node: read once, not on every call); null when there is none. */
let clock: PerformanceLike | null | undefined;

function findPerformance(): PerformanceLike | null {
  const found = (globalThis as { performance?: { now?: unknown } }).performance;
  return found !== undefined && found !== null && typeof found.now === 'function' ? (found as PerformanceLike) : null;
}
