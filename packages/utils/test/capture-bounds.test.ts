import { DEFAULT_FLATTEN_LIMITS, READS_PER_ATTRIBUTE, captureForJson, enrichmentAttributes, flattenAttributes, recordEntries } from '../src';

// Capture reads at most READS_PER_ATTRIBUTE × maxAttributes entries, whatever the length or shape of the
// value: holes count like items, so a huge or sparse array costs no more than a small one.

const BOUND = READS_PER_ATTRIBUTE * DEFAULT_FLATTEN_LIMITS.maxAttributes;

function sparse(): unknown[] {
  const array: unknown[] = [];
  array[1e9] = 'far away';
  return array;
}

describe('capture cost is bounded by the limit, not by the input', () => {
  it('reads at most the bound from a huge array of holes, a sparse array, a huge Map, Set and object', () => {
    const huge = new Array(5e7);
    const map = new Map(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]));
    const set = new Set(Array.from({ length: 50_000 }, (_, i) => i));
    const wide = Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, null]));
    for (const value of [huge, sparse(), map, set, wide, { nested: { a: huge, b: sparse() } }]) {
      const result = flattenAttributes(value, 'p');
      expect(result.read).toBeLessThanOrEqual(BOUND);
      expect(captureForJson(value).read).toBeLessThanOrEqual(BOUND);
    }
  });

  it('keeps the first items of a huge array and says how many were left', () => {
    const huge = new Array(5e7);
    huge[0] = 'first';
    huge[3] = 'fourth';
    const result = flattenAttributes(huge, 'p', { maxAttributes: 10 });
    expect(result.attributes).toEqual({ 'p.0': 'first', 'p.3': 'fourth' });
    expect(result.read).toBe(20);
    expect(result.dropped).toBe(5e7 - 20);
    // an item beyond the reads allowed is not reached, however many holes lie before it
    expect(flattenAttributes(sparse(), 'p').attributes).toEqual({});
  });

  it('shares one read budget across the arguments of a call and the groups of an enrichment', () => {
    const out = {};
    recordEntries(out, Array.from({ length: 50 }, (_, i) => [`arg${i}`, new Array(5e7)] as const), 'p', undefined, 100);
    expect(out).toEqual({});
    const attributes = enrichmentAttributes(
      { metadata: { a: new Array(5e7), b: new Array(5e7) }, config: { c: sparse() }, metrics: { last: 1 } },
      { maxAttributes: 100 },
    );
    // the holes used up the reads: the groups after them got nothing
    expect(attributes).toEqual({});
  });

  it('a mask called at every depth is called at most once per entry read', () => {
    let calls = 0;
    const mask = (_key: string, value: unknown) => {
      calls += 1;
      return value;
    };
    flattenAttributes({ list: Array.from({ length: 100_000 }, (_, i) => ({ i })) }, 'p', { mask, maxAttributes: 50 });
    expect(calls).toBeLessThanOrEqual(READS_PER_ATTRIBUTE * 50);
  });
});
