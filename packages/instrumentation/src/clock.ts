/** Milliseconds from a monotonic clock with sub-millisecond precision (`performance.now()`), else `Date.now()`. */
export function monotonicNow(): number {
  try {
    const perf = (globalThis as { performance?: { now?: () => number } }).performance;
    if (perf !== undefined && typeof perf.now === 'function') return perf.now();
  } catch {
    // fall through
  }
  return Date.now();
}
