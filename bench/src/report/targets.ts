// The targets and the published claims, each decided by the 95 % interval of this run's figure:
// PASS when the whole interval meets the bound, MISS when none of it does, UNDECIDED otherwise.
import type { ContenderName, Protocol } from '../contenders/types';
import type { AppName } from '../fresh/apps';
import type { BenchResults, FreshRow, PerCallRow, TargetRow } from '../results';
import { exact, geometricInterval, meanInterval, pairedDifference, pairedRatio, verdict, type Bound, type Interval } from '../stats';

const KIB = 1024;
const MIB = 1024 * 1024;
const NONE: Interval = { estimate: Number.NaN, low: Number.NaN, high: Number.NaN, n: 0 };

function target(id: string, label: string, unit: string, interval: Interval | undefined, bound: Bound): TargetRow {
  const value = interval ?? NONE;
  return { id, label, unit, interval: value, bound, verdict: verdict(value, bound) };
}

function scaled(interval: Interval, by: number): Interval {
  return { estimate: interval.estimate / by, low: interval.low / by, high: interval.high / by, n: interval.n };
}

function perCall(rows: PerCallRow[] | undefined, contender: ContenderName): PerCallRow | undefined {
  return rows?.find((row) => row.contender === contender);
}

/** Ours ÷ `other` on the per-round medians of a per-call section. */
function versus(rows: PerCallRow[] | undefined, other: ContenderName): Interval | undefined {
  const ours = perCall(rows, 'ours');
  const them = perCall(rows, other);
  return ours && them ? pairedRatio(ours.roundNs, them.roundNs) : undefined;
}

/** Per-round values of one app at one stage (bytes). */
export function stageValues(rows: FreshRow[] | undefined, app: AppName, stage: string, field: 'rss' | 'heapUsed'): number[] | undefined {
  return rows?.find((row) => row.app === app)?.stages.find((s) => s.stage === stage)?.[field];
}

/** `app` at `stage` minus the empty script (same round), in MiB: memory from zero. */
export function fromZero(rows: FreshRow[] | undefined, app: AppName, stage: string, field: 'rss' | 'heapUsed'): Interval | undefined {
  const values = stageValues(rows, app, stage, field);
  const baseline = stageValues(rows, 'empty', 'exported', field);
  return values && baseline ? scaled(pairedDifference(values, baseline), MIB) : undefined;
}

/** The targets of the issue. */
export function checkTargets(sections: BenchResults['sections']): TargetRow[] {
  const setupOurs = sections.setup?.find((r) => r.contender === 'ours');
  const protocolOurs = sections.protocol?.find((r) => r.contender === 'ours' && r.mode === 'span');
  const coldOurs = sections.coldstart?.find((r) => r.app === 'ours');
  const bundle = (app: AppName): number | undefined => sections.bundle?.find((r) => r.app === app && r.optIn.length === 0)?.bytes;
  const rssOurs = stageValues(sections.fresh, 'ours', 'exported', 'rss');
  const rssRaw = stageValues(sections.fresh, 'raw-otel', 'exported', 'rss');
  const bundleOurs = bundle('ours');
  const bundleRaw = bundle('raw-otel');
  const targets: TargetRow[] = [
    target('span-vs-raw', 'enriched LLM span (~45 attributes): ours ÷ raw OTel, same attributes', '×', perCall(sections.span, 'ours')?.vsRaw, { op: '<=', value: 1.15 }),
    target('small-vs-raw', '`trace(fn)`, small argument and result: ours ÷ raw startActiveSpan + same attributes + end', '×', perCall(sections.small, 'ours')?.vsRaw, {
      op: '<=',
      value: 1.5,
    }),
    target('protocol-cpu-vs-raw', 'CPU share in the specification protocol (compared per span): ours ÷ raw OTel', '×', protocolOurs?.vsRaw, { op: '<=', value: 1.15 }),
    target('setup-vs-raw', 'first tracer set-up: ours ÷ raw provider + exporter set-up', '×', setupOurs?.firstSetupVsRaw, { op: '<=', value: 1 }),
    target('coldstart-vs-raw', 'cold start to the first exported span: ours ÷ raw OTel', '×', coldOurs?.vsRaw, { op: '<=', value: 1.1 }),
    target('fresh-rss-vs-raw', 'fresh-process RSS through the first export: ours − raw OTel', 'MiB', rssOurs && rssRaw ? scaled(pairedDifference(rssOurs, rssRaw), MIB) : undefined, {
      op: '<=',
      value: 2,
    }),
    target(
      'additional-tracer-heap',
      'heap per additional tracer (ours)',
      'KiB',
      setupOurs ? scaled(meanInterval(setupOurs.roundPerAdditionalHeapBytes), KIB) : undefined,
      { op: '<', value: 50 },
    ),
    target('bundle-vs-raw', 'tiny-app bundle (minified): ours ÷ raw OTel', '×', bundleOurs !== undefined && bundleRaw !== undefined ? exact(bundleOurs / bundleRaw) : undefined, {
      op: '<=',
      value: 1.5,
    }),
  ];
  for (const protocol of ['http/protobuf', 'http/json', 'grpc'] as Protocol[]) {
    const row = sections.throughput?.find((r) => r.contender === 'ours' && r.protocol === protocol);
    targets.push(target(`throughput-${protocol}`, `export throughput ${protocol}: ours ÷ raw OTel`, '×', row?.vsRaw, { op: '>=', value: 1 }));
  }
  targets.push(
    target('decorated-vs-honeyhive-1x', 'decorated call: ours ÷ npm honeyhive 1.x', '×', versus(sections.decorated, 'honeyhive-1x'), { op: '<', value: 1 }),
    target('decorated-vs-langfuse', 'decorated call: ours ÷ Langfuse observe()', '×', versus(sections.decorated, 'langfuse'), { op: '<', value: 1 }),
  );
  return targets;
}

/** The published claims (absolute numbers) for our tracer. */
export function checkClaims(sections: BenchResults['sections']): TargetRow[] {
  const setupOurs = sections.setup?.find((r) => r.contender === 'ours');
  const span = perCall(sections.span, 'ours');
  return [
    target('claim-setup', 'tracer set-up (first, cold)', 'ms', setupOurs ? geometricInterval(setupOurs.roundFirstSetupMs) : undefined, { op: '<', value: 10 }),
    target('claim-span', 'span with full enrichment', 'ms', span ? scaled(geometricInterval(span.roundNs), 1e6) : undefined, { op: '<', value: 1 }),
    target('claim-base-memory', 'base memory from zero (modules + first tracer, RSS)', 'MiB', fromZero(sections.fresh, 'ours', 'constructed', 'rss'), {
      op: '<=',
      value: 5,
    }),
    target(
      'claim-additional',
      'RSS per additional tracer',
      'MiB',
      setupOurs ? scaled(meanInterval(setupOurs.roundPerAdditionalRssBytes), MIB) : undefined,
      { op: '<', value: 2 },
    ),
  ];
}
