import type { FlushTarget } from '@honeyhive/lifecycle';

/**
 * `processor` as a lifecycle target whose flush also waits for the session and event calls in flight
 * (`apiCallsSettled`, which neither times out nor keeps the process alive: the lifecycle bounds and holds the
 * wait). So the flush on exit covers a session start still under way, within the exit budget, as it covers
 * spans. Not while `running()` is false (shutting down): the processor's shutdown, which follows the flush,
 * must not wait for a slow API; `tracer.shutdown()` waits for the calls itself. Shutting down and abandoning
 * are the processor's.
 */
export function withApiCalls(
  processor: FlushTarget,
  apiCallsSettled: (() => Promise<boolean>) | undefined,
  running: () => boolean,
): FlushTarget {
  if (apiCallsSettled === undefined) return processor;
  const calls = (): Promise<boolean> => (running() ? apiCallsSettled() : Promise.resolve(true));
  const spansDelivered = async (): Promise<boolean> => {
    if (typeof processor.flushDelivered === 'function') return (await processor.flushDelivered()) !== false;
    await processor.forceFlush();
    return true;
  };
  const target: FlushTarget = {
    forceFlush: async () => {
      await Promise.all([processor.forceFlush(), calls()]);
    },
    flushDelivered: async () => {
      const [spans, api] = await Promise.all([spansDelivered(), calls()]);
      return spans && api;
    },
    shutdown: () => processor.shutdown(),
  };
  const abandoning = processor as FlushTarget & { abandonPending?: () => number };
  if (typeof abandoning.abandonPending === 'function') {
    (target as typeof abandoning).abandonPending = () => abandoning.abandonPending?.() ?? 0;
  }
  return target;
}
