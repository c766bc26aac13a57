import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { estimateSpanBytes, spanBytesAtMost, spanExceedsBytes } from '../src/span-size';
import { takeBatch } from '../src/take-batch';

/** A deterministic pseudo-random source (the cases must be the same on every run). */
function randomSource(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const ALPHABET = ['a', 'Z', '7', '.', 'é', 'ß', '€', '中', '😀', '\ud800', '\udfff'];

function textOf(random: () => number, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += ALPHABET[Math.floor(random() * ALPHABET.length)];
  return text;
}

function valueOf(random: () => number): unknown {
  const kind = Math.floor(random() * 6);
  const length = random() < 0.2 ? Math.floor(random() * 400) : Math.floor(random() * 40);
  if (kind === 0) return Math.floor(random() * 1000);
  if (kind === 1) return random() < 0.5;
  if (kind === 2) return [textOf(random, length), textOf(random, 3)];
  if (kind === 3) return new Uint8Array(length);
  return textOf(random, length);
}

function attributesOf(random: () => number, count: number): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) attributes[`${textOf(random, 1 + Math.floor(random() * 20))}.${i}`] = valueOf(random);
  return attributes;
}

function spanOf(random: () => number): ReadableSpan {
  return {
    name: textOf(random, Math.floor(random() * 200)),
    attributes: attributesOf(random, Math.floor(random() * 30)),
    status: random() < 0.3 ? { code: 2, message: textOf(random, Math.floor(random() * 300)) } : { code: 0 },
    events: Array.from({ length: Math.floor(random() * 3) }, () => ({ name: textOf(random, 10), attributes: attributesOf(random, 3) })),
    links: Array.from({ length: Math.floor(random() * 2) }, () => ({ attributes: attributesOf(random, 2) })),
    resource: { attributes: {} },
  } as unknown as ReadableSpan;
}

/** takeBatch as it was: the estimate of every span, summed until the cap. */
function takeBatchByEstimates(queue: ReadableSpan[], maxCount: number, maxBytes: number): number {
  const limit = Math.min(Math.max(1, maxCount), queue.length);
  let bytes = 512;
  let count = 0;
  while (count < limit) {
    bytes += estimateSpanBytes(queue[count]!);
    if (count > 0 && bytes > maxBytes) break;
    count++;
  }
  return count;
}

describe('spanBytesAtMost', () => {
  it('is never below the estimate, whatever the characters (multi-byte, surrogates, long and short strings)', () => {
    const random = randomSource(18);
    for (let i = 0; i < 2_000; i++) {
      const span = spanOf(random);
      expect(spanBytesAtMost(span)).toBeGreaterThanOrEqual(estimateSpanBytes(span));
    }
  });

  it('falls back to the estimate on a span it cannot read, and never throws', () => {
    const hostile = { get name(): string { throw new Error('boom'); } } as unknown as ReadableSpan;
    expect(spanBytesAtMost(hostile)).toBe(estimateSpanBytes(hostile));
    const oddName = { name: 42, attributes: { a: 'b' } } as unknown as ReadableSpan;
    expect(spanBytesAtMost(oddName)).toBe(estimateSpanBytes(oddName));
    const throwingAttributes = { name: 's', attributes: { get a(): string { throw new Error('boom'); } } } as unknown as ReadableSpan;
    expect(spanBytesAtMost(throwingAttributes)).toBeGreaterThanOrEqual(estimateSpanBytes(throwingAttributes));
  });

  it('spanExceedsBytes decides as the estimate does', () => {
    const random = randomSource(7);
    for (let i = 0; i < 2_000; i++) {
      const span = spanOf(random);
      const estimate = estimateSpanBytes(span);
      for (const limit of [estimate - 1, estimate, estimate + 1, 1024, 4096]) {
        expect(spanExceedsBytes(span, limit)).toBe(estimate > limit);
      }
    }
  });
});

describe('takeBatch with the cheap bound', () => {
  it('cuts every batch where the estimates alone would (small spans, large spans, mixed queues)', () => {
    const random = randomSource(42);
    for (let round = 0; round < 300; round++) {
      // a third of the queues have spans of a few hundred bytes only, where the cheap bound is tried first
      const small = round % 3 === 0;
      const queue = Array.from({ length: 1 + Math.floor(random() * 60) }, () =>
        small ? ({ name: 's', attributes: { k: textOf(random, 10) }, resource: { attributes: {} } } as unknown as ReadableSpan) : spanOf(random),
      );
      const maxCount = 1 + Math.floor(random() * 70);
      // caps from "everything fits" down to "one span at a time", around the queue's real size
      const total = queue.reduce((sum, span) => sum + estimateSpanBytes(span), 512);
      const maxBytes = Math.floor(total * random() * 1.5) + 1;
      const expected = takeBatchByEstimates(queue, maxCount, maxBytes);
      const copy = [...queue];
      const taken = takeBatch(copy, maxCount, maxBytes);
      expect(taken).toHaveLength(expected);
      expect(taken.every((span, i) => span === queue[i])).toBe(true);
      expect(copy).toHaveLength(queue.length - expected);
    }
  });
});
