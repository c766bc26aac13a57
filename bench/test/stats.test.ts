// The interval arithmetic and the PASS / MISS / UNDECIDED rule of the targets. No timing.
import { exact, geometricInterval, meanInterval, pairedDifference, pairedRatio, t95, verdict } from '../src/stats';

test('meanInterval is the t-interval of the mean', () => {
  const interval = meanInterval([1, 2, 3, 4, 5]);
  expect(interval.estimate).toBe(3);
  // sd = sqrt(2.5), half-width = t(4) * sd / sqrt(5)
  const half = t95(4) * Math.sqrt(2.5 / 5);
  expect(interval.low).toBeCloseTo(3 - half, 10);
  expect(interval.high).toBeCloseTo(3 + half, 10);
  expect(interval.n).toBe(5);
});

test('one value has an estimate but no interval', () => {
  const interval = meanInterval([7]);
  expect(interval.estimate).toBe(7);
  expect(Number.isNaN(interval.low)).toBe(true);
  expect(verdict(interval, { op: '<=', value: 10 })).toBe('UNDECIDED');
});

test('pairedRatio is the geometric mean of the per-round ratios and skips failed rounds', () => {
  const interval = pairedRatio([2, 8, Number.NaN, 4], [1, 2, 5, 2]);
  expect(interval.n).toBe(3);
  expect(interval.estimate).toBeCloseTo(Math.cbrt(2 * 4 * 2), 10);
  expect(interval.low).toBeLessThan(interval.estimate);
  expect(interval.high).toBeGreaterThan(interval.estimate);
});

test('equal per-round ratios give a zero-width interval', () => {
  const interval = pairedRatio([3, 6, 9], [1, 2, 3]);
  expect(interval.estimate).toBeCloseTo(3, 10);
  expect(interval.low).toBeCloseTo(3, 10);
  expect(interval.high).toBeCloseTo(3, 10);
});

test('pairedDifference pairs by round', () => {
  expect(pairedDifference([10, 12, 14], [9, 10, 11]).estimate).toBe(2);
});

test('a verdict needs the whole interval on one side of the bound', () => {
  const around = (estimate: number, half: number) => ({ estimate, low: estimate - half, high: estimate + half, n: 5 });
  expect(verdict(around(1.0, 0.1), { op: '<=', value: 1.15 })).toBe('PASS');
  expect(verdict(around(1.3, 0.1), { op: '<=', value: 1.15 })).toBe('MISS');
  expect(verdict(around(1.1, 0.1), { op: '<=', value: 1.15 })).toBe('UNDECIDED');
  expect(verdict(around(1.2, 0.1), { op: '>=', value: 1 })).toBe('PASS');
  expect(verdict(around(0.8, 0.1), { op: '>=', value: 1 })).toBe('MISS');
  expect(verdict(exact(1.6), { op: '<=', value: 1.5 })).toBe('MISS');
  expect(verdict(meanInterval([]), { op: '<', value: 1 })).toBe('n/a');
});

test('geometricInterval keeps a skewed time above zero', () => {
  const interval = geometricInterval([2, 3, 40]);
  expect(interval.low).toBeGreaterThan(0);
  expect(interval.estimate).toBeCloseTo(Math.cbrt(2 * 3 * 40), 10);
  expect(meanInterval([2, 3, 40]).low).toBeLessThan(0);
});
