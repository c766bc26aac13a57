import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { estimateSpanBytes, requestOverheadBytes, spanBytesAtMost } from './span-size';

/**
 * Removes and returns the spans of the next export request from the head of `queue`: at most
 * `maxCount`, ending before the span that would take the request past `maxBytes` (estimated encoded
 * size). Always takes at least one span when the queue has any: a span too large by itself goes alone.
 *
 * When spans are small (the first one's cheap upper bound, times the count, fits), the upper bounds are
 * summed first: when even those stay under `maxBytes`, so do the estimates, which are then not computed.
 * Otherwise, or when the bounds do not settle it, the estimates decide, as they always did.
 */
export function takeBatch(queue: ReadableSpan[], maxCount: number, maxBytes: number): ReadableSpan[] {
  const limit = Math.min(Math.max(1, maxCount), queue.length);
  const overhead = requestOverheadBytes(queue[0]);
  if (limit > 0) {
    let bound = overhead + spanBytesAtMost(queue[0]!);
    if (overhead + (bound - overhead) * limit <= maxBytes) {
      let count = 1;
      while (count < limit) {
        bound += spanBytesAtMost(queue[count]!);
        if (bound > maxBytes) break;
        count++;
      }
      if (count === limit) return queue.splice(0, count);
    }
  }
  let bytes = overhead;
  let count = 0;
  while (count < limit) {
    bytes += estimateSpanBytes(queue[count]!);
    if (count > 0 && bytes > maxBytes) break;
    count++;
  }
  return queue.splice(0, count);
}
