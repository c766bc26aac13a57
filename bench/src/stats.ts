/** Summary of a set of samples: the median and the spread around it. */
export interface Summary {
  median: number;
  p25: number;
  p75: number;
  min: number;
  max: number;
  n: number;
}

/** The q-quantile (0..1) of `values` by linear interpolation; NaN when empty. */
function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  const lowValue = sorted[low] as number;
  const highValue = sorted[high] as number;
  return lowValue + (highValue - lowValue) * (position - low);
}

/** Median, quartiles and extremes of `values`. */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((value) => Number.isFinite(value));
  return {
    median: quantile(finite, 0.5),
    p25: quantile(finite, 0.25),
    p75: quantile(finite, 0.75),
    min: finite.length ? finite.reduce((a, b) => (b < a ? b : a)) : Number.NaN,
    max: finite.length ? finite.reduce((a, b) => (b > a ? b : a)) : Number.NaN,
    n: finite.length,
  };
}

/** a / b, or NaN when either is missing. */
function ratio(a: number | undefined, b: number | undefined): number {
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b) || b === 0) return Number.NaN;
  return a / b;
}

/** A point estimate with a two-sided 95 % confidence interval. `low`/`high` are NaN when n < 2. */
export interface Interval {
  estimate: number;
  low: number;
  high: number;
  /** Number of paired rounds (or values) behind it. */
  n: number;
}

// Two-sided 95 % quantiles of Student's t for 1..30 degrees of freedom; 1.96 beyond.
const T95 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131, 2.12, 2.11,
  2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

/** The 97.5 % quantile of Student's t with `df` degrees of freedom. */
export function t95(df: number): number {
  if (df < 1) return Number.NaN;
  return T95[df - 1] ?? 1.96;
}

/** Mean and t-interval (95 %) of `values`; the interval is NaN for fewer than two finite values. */
export function meanInterval(values: readonly number[]): Interval {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n === 0) return { estimate: Number.NaN, low: Number.NaN, high: Number.NaN, n };
  const mean = xs.reduce((sum, v) => sum + v, 0) / n;
  if (n < 2) return { estimate: mean, low: Number.NaN, high: Number.NaN, n };
  const variance = xs.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const half = t95(n - 1) * Math.sqrt(variance / n);
  return { estimate: mean, low: mean - half, high: mean + half, n };
}

/**
 * The ratio a/b from paired rounds: the geometric mean of the per-round ratios a[i]/b[i], with the 95 %
 * t-interval of their logarithms, transformed back. Rounds where either side is missing are left out.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): Interval {
  const logs: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const r = ratio(a[i], b[i]);
    if (Number.isFinite(r) && r > 0) logs.push(Math.log(r));
  }
  const m = meanInterval(logs);
  return { estimate: Math.exp(m.estimate), low: Math.exp(m.low), high: Math.exp(m.high), n: m.n };
}

/** The geometric mean of positive `values` (e.g. times) with the 95 % t-interval of their logarithms: never below zero. */
export function geometricInterval(values: readonly number[]): Interval {
  return pairedRatio(values, values.map(() => 1));
}

/** The difference a − b from paired rounds: mean of the per-round differences, with its 95 % t-interval. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Interval {
  const diffs: number[] = [];
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x !== undefined && y !== undefined && Number.isFinite(x) && Number.isFinite(y)) diffs.push(x - y);
  }
  return meanInterval(diffs);
}

/** An exact value (no sampling noise, e.g. a bundle's size): its interval is the value itself. */
export function exact(value: number): Interval {
  return { estimate: value, low: value, high: value, n: Number.isFinite(value) ? 1 : 0 };
}

/** The verdict of a target. */
export type Verdict = 'PASS' | 'MISS' | 'UNDECIDED' | 'n/a';

/** A target's bound: the estimate must be at most / below / at least `value`. */
export interface Bound {
  op: '<=' | '<' | '>=';
  value: number;
}

/**
 * PASS when the whole interval satisfies the bound, MISS when none of it does, UNDECIDED when it straddles
 * the bound (or has no width yet: fewer than two rounds), n/a when nothing was measured.
 */
export function verdict(interval: Interval, bound: Bound): Verdict {
  if (!Number.isFinite(interval.estimate)) return 'n/a';
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return 'UNDECIDED';
  const holds = (v: number): boolean => (bound.op === '<=' ? v <= bound.value : bound.op === '<' ? v < bound.value : v >= bound.value);
  const lowOk = holds(interval.low);
  const highOk = holds(interval.high);
  if (lowOk && highOk) return 'PASS';
  if (!lowOk && !highOk) return 'MISS';
  return 'UNDECIDED';
}
