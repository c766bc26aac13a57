import { registeredTracers } from './registry';
import type { HoneyHiveTracerBase } from './tracer-base';

/** Runs `step` on every registered tracer at once: true when each resolved true (true when there is none). Never rejects. */
async function everyTracer(step: (tracer: HoneyHiveTracerBase) => Promise<boolean>): Promise<boolean> {
  try {
    const results = await Promise.all(registeredTracers().map((tracer) => step(tracer).catch(() => false)));
    return results.every(Boolean);
  } catch {
    return false;
  }
}

/**
 * Flushes every registered tracer at once (the Python SDK's `HoneyHiveTracer.flush_all`), each within `timeoutMs`
 * (default 5000). Resolves true when every one delivered everything (true when there is none). Never rejects.
 */
export function flushAll(timeoutMs?: number): Promise<boolean> {
  return everyTracer((tracer) => tracer.flush(timeoutMs));
}

/**
 * Flushes and shuts down every registered tracer at once (the Python SDK's `graceful_shutdown_all`), each within
 * `timeoutMs` (default 5000); one that fails does not stop the others. Resolves true when every one shut down
 * cleanly (true when there is none). Never rejects.
 */
export function shutdownAll(timeoutMs?: number): Promise<boolean> {
  return everyTracer((tracer) => tracer.shutdown(timeoutMs));
}
