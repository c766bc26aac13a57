import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { takeBatch } from '../src/take-batch';

function spanOf(bytes: number, name = 'span'): ReadableSpan {
  return { name, attributes: { payload: 'x'.repeat(bytes) }, resource: { attributes: {} } } as unknown as ReadableSpan;
}

describe('takeBatch', () => {
  it('takes at most maxCount spans from the head, in order', () => {
    const queue = [spanOf(1, 'a'), spanOf(1, 'b'), spanOf(1, 'c')];
    expect(takeBatch(queue, 2, 1_000_000).map((s) => s.name)).toEqual(['a', 'b']);
    expect(queue.map((s) => s.name)).toEqual(['c']);
  });

  it('ends the request before the span that would pass maxBytes', () => {
    const queue = [spanOf(4_000, 'a'), spanOf(4_000, 'b'), spanOf(4_000, 'c')];
    expect(takeBatch(queue, 100, 10_000).map((s) => s.name)).toEqual(['a', 'b']);
    expect(queue).toHaveLength(1);
  });

  it('always takes one span, however large, and nothing from an empty queue', () => {
    const queue = [spanOf(50_000, 'big'), spanOf(1, 'small')];
    expect(takeBatch(queue, 100, 10_000).map((s) => s.name)).toEqual(['big']);
    expect(takeBatch([], 10, 10_000)).toEqual([]);
  });
});
