// The targets and its published claims, checked on this run's numbers.
import type { ContenderName, Protocol } from '../contenders/types';
import type { BenchResults, PerCallRow, TargetRow } from '../results';
import { ratio } from '../stats';

const KIB = 1024;
const MIB = 1024 * 1024;

function median(rows: PerCallRow[] | undefined, contender: ContenderName): number | undefined {
  return rows?.find((row) => row.contender === contender)?.nsPerCall.median;
}

function row(id: string, label: string, value: number, unit: string, threshold: string, check: (v: number) => boolean): TargetRow {
  return { id, label, value, unit, threshold, pass: Number.isFinite(value) ? check(value) : null };
}

/** The targets of the issue, as ratios/values from the same run. */
export function checkTargets(sections: BenchResults['sections']): TargetRow[] {
  const span = sections.span;
  const decorated = sections.decorated;
  const ours = sections.setup?.find((r) => r.contender === 'ours');
  const targets: TargetRow[] = [
    row('span-vs-raw', 'our span ÷ raw OTel span (same attributes)', ratio(median(span, 'ours'), median(span, 'raw-otel')), '×', '≤ 1.3', (v) => v <= 1.3),
    row('decorated-vs-honeyhive-1x', 'our decorated call ÷ npm honeyhive 1.x', ratio(median(decorated, 'ours'), median(decorated, 'honeyhive-1x')), '×', '< 1', (v) => v < 1),
    row('decorated-vs-langfuse', 'our decorated call ÷ Langfuse observe()', ratio(median(decorated, 'ours'), median(decorated, 'langfuse')), '×', '< 1', (v) => v < 1),
    row('setup-time', 'our tracer set-up (first, cold)', ours?.firstSetupMs.median ?? Number.NaN, 'ms', '< 2 ms', (v) => v < 2),
    row('additional-tracer-heap', 'heap per additional tracer (ours)', (ours?.perAdditionalHeapBytes.median ?? Number.NaN) / KIB, 'KiB', '< 300 KiB', (v) => v < 300),
  ];
  for (const protocol of ['http/protobuf', 'http/json', 'grpc'] as Protocol[]) {
    const of = (c: ContenderName): number | undefined =>
      sections.throughput?.find((r) => r.contender === c && r.protocol === protocol)?.spansPerSec.median;
    targets.push(
      row(`throughput-${protocol}`, `export throughput ${protocol}: ours ÷ raw OTel`, ratio(of('ours'), of('raw-otel')), '×', '≥ 0.9', (v) => v >= 0.9),
    );
  }
  return targets;
}

/** The published claims (absolute numbers) for our tracer. */
export function checkClaims(sections: BenchResults['sections']): TargetRow[] {
  const ours = sections.setup?.find((r) => r.contender === 'ours');
  const spanNs = median(sections.span, 'ours') ?? Number.NaN;
  const base = ours ? (ours.loadRssBytes.median + ours.firstRssBytes.median) / MIB : Number.NaN;
  return [
    row('claim-setup', 'tracer set-up (first, cold)', ours?.firstSetupMs.median ?? Number.NaN, 'ms', '< 10 ms', (v) => v < 10),
    row('claim-span', 'span with full enrichment', spanNs / 1e6, 'ms', '< 1 ms', (v) => v < 1),
    row('claim-base-memory', 'base memory (modules + first tracer, RSS)', base, 'MiB', '≈ 5 MiB (≤ 5)', (v) => v <= 5),
    row('claim-additional', 'RSS per additional tracer', (ours?.perAdditionalRssBytes.median ?? Number.NaN) / MIB, 'MiB', '< 2 MiB', (v) => v < 2),
  ];
}
