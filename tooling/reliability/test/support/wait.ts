/**
 * Resolves once `predicate()` is true (checked every 5 ms); rejects after `timeoutMs` with `what`. The deadline is a
 * safety net for a condition that never comes, generous so that a loaded machine never reaches it.
 */
export async function waitUntil(predicate: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** Sleeps `ms` (a ref'd timer that always fires, so nothing is left behind). */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
