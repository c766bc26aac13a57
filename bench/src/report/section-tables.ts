// The tables of the report's sections.
import type { AppName } from '../fresh/apps';
import type { BundleRow, ColdStartRow, FreshRow, PerCallRow, ProtocolRow, ScalingRow, SetupRow, ThroughputRow } from '../results';
import { pairedDifference, summarize } from '../stats';
import { bytes, duration, int, mib, num, percent, spread, table, times, withInterval } from './format';
import { appLabel, label } from './labels';
import { fromZero, stageValues } from './targets';

const MIB = 1024 * 1024;

/** "yes" when `theirs` has exactly our keys, else the keys that differ (only the raw contender is meant to match). */
function keyComparison(ours: string[] | undefined, theirs: string[] | undefined): string {
  if (!ours || !theirs) return 'n/a';
  const missing = ours.filter((k) => !theirs.includes(k));
  const extra = theirs.filter((k) => !ours.includes(k));
  if (missing.length === 0 && extra.length === 0) return 'yes';
  const list = (keys: string[]): string => (keys.length > 3 ? `${keys.slice(0, 3).join(', ')} … (${keys.length})` : keys.join(', '));
  return ['no', missing.length ? `lacks ${list(missing)}` : '', extra.length ? `adds ${list(extra)}` : ''].filter(Boolean).join('; ');
}

/** Sections 1–3. */
export function perCallTable(rows: PerCallRow[], withAttributes: boolean): string {
  const ours = rows.find((r) => r.contender === 'ours');
  const bare = rows.find((r) => r.contender === 'bare')?.nsPerCall.median;
  const header = ['contender', 'median / call', 'p25 – p75', 'round medians', '× raw OTel (95 % CI)', 'CPU / call', 'CPU × raw OTel (95 % CI)'];
  if (bare !== undefined) header.push('overhead vs bare');
  header.push('attributes / span', 'same keys as ours (raw OTel)');
  if (withAttributes) header.push('exported / called');
  return table(
    header,
    rows.map((r) => {
      const cells = [
        label(r.contender),
        duration(r.nsPerCall.median),
        spread(r.nsPerCall),
        r.roundNs.map(duration).join(', '),
        r.contender === 'raw-otel' ? '1' : withInterval(r.vsRaw, times),
        duration(summarize(r.roundCpuNs).median),
        r.contender === 'raw-otel' ? '1' : withInterval(r.cpuVsRaw, times),
      ];
      if (bare !== undefined) cells.push(duration(r.nsPerCall.median - bare));
      const same = keyComparison(ours?.attributeKeys, r.attributeKeys);
      cells.push(String(r.attributesPerSpan ?? 'n/a'), r.contender === 'raw-otel' ? same : '—');
      if (withAttributes) cells.push(`${int(r.exported)} / ${int(r.called)}`);
      return cells;
    }),
  );
}

/** Section 4. */
export function setupTable(rows: SetupRow[]): string {
  return table(
    ['contender', 'load modules', 'first set-up (p25 – p75)', '× raw OTel (95 % CI)', 'additional set-up (median)', 'per additional tracer heap / RSS'],
    rows.map((r) => [
      label(r.contender),
      `${num(r.loadMs.median, 0)} ms`,
      `${num(r.firstSetupMs.median, 2)} ms (${num(r.firstSetupMs.p25, 2)} – ${num(r.firstSetupMs.p75, 2)})`,
      r.contender === 'raw-otel' ? '1' : withInterval(r.firstSetupVsRaw, times),
      `${num(r.additionalSetupMs.median, 3)} ms`,
      `${bytes(r.perAdditionalHeapBytes.median)} / ${bytes(r.perAdditionalRssBytes.median)} (×${r.additional})`,
    ]),
  );
}

/** Section 5. */
export function freshTable(rows: FreshRow[]): string {
  const rawExported = stageValues(rows, 'raw-otel', 'exported', 'rss');
  const body = rows
    .filter((r) => r.app !== 'empty')
    .map((r) => {
      const z = (stage: string, field: 'rss' | 'heapUsed'): string => withInterval(fromZero(rows, r.app, stage, field), mib);
      const exported = stageValues(rows, r.app, 'exported', 'rss');
      const vsRaw = r.app !== 'raw-otel' && exported && rawExported ? pairedDifference(exported, rawExported) : undefined;
      return [
        appLabel(r.app),
        z('loaded', 'rss'),
        z('constructed', 'rss'),
        z('exported', 'rss'),
        z('loaded', 'heapUsed'),
        z('exported', 'heapUsed'),
        r.app === 'raw-otel' ? '0' : withInterval(vsRaw && { ...vsRaw, estimate: vsRaw.estimate / MIB, low: vsRaw.low / MIB, high: vsRaw.high / MIB }, mib),
        r.received.map(int).join(', '),
      ];
    });
  return table(
    [
      'app',
      'RSS after loading',
      'RSS after set-up',
      'RSS after the first export',
      'heap after loading',
      'heap after the first export',
      'RSS after export − raw OTel (95 % CI)',
      'spans received',
    ],
    body,
  );
}

/** The empty script's own figures (absolute), for the baseline line under section 5. */
export function baselineLine(rows: FreshRow[]): string {
  const rss = summarize(stageValues(rows, 'empty', 'exported', 'rss') ?? []).median;
  const heap = summarize(stageValues(rows, 'empty', 'exported', 'heapUsed') ?? []).median;
  return `Baseline (the empty script, same preload): RSS ${mib(rss / MIB)}, heap ${mib(heap / MIB)} (medians).`;
}

/** Section 6. */
export function coldStartTable(rows: ColdStartRow[]): string {
  return table(
    ['app', 'spawn → span received (median)', 'p25 – p75', '× raw OTel (95 % CI)', 'spawn → exit (median)', 'rounds'],
    rows.map((r) => [
      appLabel(r.app),
      `${num(r.firstSpanMs.median, 0)} ms`,
      `${num(r.firstSpanMs.p25, 0)} – ${num(r.firstSpanMs.p75, 0)} ms`,
      r.app === 'raw-otel' ? '1' : withInterval(r.vsRaw, times),
      Number.isFinite(r.exitMs.median) ? `${num(r.exitMs.median, 0)} ms` : 'killed after its span (did not exit by itself)',
      String(r.firstSpanMs.n),
    ]),
  );
}

/** Section 7. */
export function bundleTable(rows: BundleRow[]): string {
  const raw = rows.find((r) => r.app === 'raw-otel' && r.optIn.length === 0)?.bytes;
  return table(
    ['app (fresh install + opt-in)', 'minified', 'gzip -9', '× raw OTel', 'largest packages in it', 'required, not installed (left as `require()`)', 'runs and exports (spawn → span)'],
    rows.map((r) => [
      appLabel(r.app) + r.optIn.map((name) => ` + \`${name}\``).join(''),
      bytes(r.bytes),
      bytes(r.gzipBytes),
      raw !== undefined ? times(r.bytes / raw) : 'n/a',
      r.topPackages.map((p) => `${p.name} ${bytes(p.bytes)}`).join(', ') || (r.error ?? ''),
      r.notInstalled.map((name) => `\`${name}\``).join(', ') || 'none',
      r.runs ? `yes (${num(r.firstSpanMs ?? Number.NaN, 0)} ms)` : 'no',
    ]),
  );
}

/** Section 8. */
export function protocolTable(rows: ProtocolRow[]): string {
  return table(
    ['contender', 'spans made with', 'CPU share (median)', 'round values', 'spans / s achieved', 'CPU / span', '× raw OTel, CPU / span (95 % CI)', 'RSS', 'received / made', 'dropped (own count)'],
    rows.map((r) => [
      label(r.contender),
      r.mode === 'trace' ? '`trace(fn, { attributes })`' : '`startSpan(name, { attributes }).end()`',
      percent(r.cpuShare.median),
      r.roundCpuShare.map(percent).join(', '),
      int(r.achievedPerSec.median),
      duration(summarize(r.roundCpuNsPerSpan).median),
      r.contender === 'raw-otel' ? '1' : withInterval(r.vsRaw, times),
      bytes(r.rssBytes.median),
      r.received.map((n, i) => `${int(n)} / ${int(r.made[i] ?? Number.NaN)}`).join(', '),
      String(r.dropped ?? 'n/a'),
    ]),
  );
}

/** Section 9. */
export function throughputTable(rows: ThroughputRow[]): string {
  return table(
    ['encoding', 'contender', 'spans / s (median)', 'min – max', '× raw OTel (95 % CI)', 'CPU / exported span', 'received / expected'],
    rows.map((r) => [
      r.protocol,
      label(r.contender),
      int(r.spansPerSec.median),
      `${int(r.spansPerSec.min)} – ${int(r.spansPerSec.max)}`,
      r.contender === 'raw-otel' ? '1' : withInterval(r.vsRaw, times),
      `${num(r.cpuUsPerSpan.median, 1)} µs`,
      `${r.received.map(int).join(', ')} / ${int(r.expected)}`,
    ]),
  );
}

/** Section 10. */
export function curveTable(rows: ScalingRow[], xLabel: (x: number) => string, perSpan: boolean): string {
  const xs = [...new Set(rows.map((r) => r.x))];
  const contenders = [...new Set(rows.map((r) => r.contender))];
  return table(
    ['contender', ...xs.map(xLabel)],
    contenders.map((c) => [
      label(c),
      ...xs.map((x) => {
        const point = rows.find((r) => r.contender === c && r.x === x);
        if (!point) return 'n/a';
        return perSpan ? `${duration(point.nsPerCall.median)} (${duration(point.nsPerSpan)}/span)` : `${duration(point.nsPerCall.median)} (${spread(point.nsPerCall)})`;
      }),
    ]),
  );
}

/** Names the apps of sections 5–7. */
export function appList(apps: Partial<Record<AppName, string>>): string {
  return table(['app', 'what it does (then one traced call, flush, shutdown)'], Object.entries(apps).map(([a, d]) => [appLabel(a as AppName), d ?? '']));
}
