import type { Summary } from '../stats';

/** A duration given in ns, in the unit that reads best. */
export function duration(ns: number): string {
  if (!Number.isFinite(ns)) return 'n/a';
  const abs = Math.abs(ns);
  if (abs >= 1e9) return `${(ns / 1e9).toFixed(2)} s`;
  if (abs >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (abs >= 1e3) return `${(ns / 1e3).toFixed(abs >= 1e5 ? 0 : abs >= 1e4 ? 1 : 2)} µs`;
  return `${ns.toFixed(abs >= 100 ? 0 : 1)} ns`;
}

/** The spread of a summary given in ns: "p25–p75". */
export function spread(summary: Summary, unit: (n: number) => string = duration): string {
  return `${unit(summary.p25)} – ${unit(summary.p75)}`;
}

/** A byte count (may be negative: a delta). */
export function bytes(value: number): string {
  if (!Number.isFinite(value)) return 'n/a';
  const abs = Math.abs(value);
  if (abs >= 1024 * 1024) return `${(value / (1024 * 1024)).toFixed(2)} MiB`;
  return `${(value / 1024).toFixed(abs >= 100 * 1024 ? 0 : 1)} KiB`;
}

/** A ratio like "1.23×". */
export function times(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)}×` : 'n/a';
}

/** A plain number with `digits` decimals. */
export function num(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

/** Thousands-separated integer. */
export function int(value: number): string {
  return Number.isFinite(value) ? Math.round(value).toLocaleString('en-US') : 'n/a';
}

/** A markdown table. */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** A value with its 95 % interval, e.g. "1.23× (1.10 – 1.40)"; the interval is left out when there is none (one round). */
export function withInterval(interval: { estimate: number; low: number; high: number } | undefined, show: (n: number) => string): string {
  if (!interval || !Number.isFinite(interval.estimate)) return 'n/a';
  if (!Number.isFinite(interval.low) || !Number.isFinite(interval.high)) return show(interval.estimate);
  if (interval.low === interval.high) return show(interval.estimate);
  return `${show(interval.estimate)} (${show(interval.low)} – ${show(interval.high)})`;
}

/** A share as a percentage with one decimal. */
export function percent(value: number): string {
  return Number.isFinite(value) ? `${(value * 100).toFixed(1)} %` : 'n/a';
}

/** MiB with two decimals (signed). */
export function mib(value: number): string {
  return Number.isFinite(value) ? `${value.toFixed(2)} MiB` : 'n/a';
}
