import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { estimateSpanBytes, requestOverheadBytes } from './span-size';

/**
 * Removes and returns the spans of the next export request from the head of `queue`: at most
 * `maxCount`, ending before the span that would take the request past `maxBytes` (estimated encoded
 * size). Always takes at least one span when the queue has any: a span too large by itself goes alone.
 */
export function takeBatch(queue: ReadableSpan[], maxCount: number, maxBytes: number): ReadableSpan[] {
  const limit = Math.min(Math.max(1, maxCount), queue.length);
  let bytes = requestOverheadBytes(queue[0]);
  let count = 0;
  while (count < limit) {
    bytes += estimateSpanBytes(queue[count]!);
    if (count > 0 && bytes > maxBytes) break;
    count++;
  }
  return queue.splice(0, count);
}
