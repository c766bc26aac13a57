// Section 9: export throughput to the local backend, ours vs raw OTel in each encoding, paired rounds.
import type { ContenderName, Protocol } from '../contenders/types';
import type { Job, ThroughputResult } from '../jobs';
import { throughputBatch, type Plan } from '../plan';
import type { ThroughputRow } from '../results';
import { pairedRatio, summarize } from '../stats';
import { rotate, type JobRunner } from './job-runner';

/** Runs section 9 and returns a row per contender and encoding. */
export async function runThroughputSection(jobs: JobRunner, plan: Plan): Promise<ThroughputRow[]> {
  const rounds = plan.rounds.throughput;
  jobs.progress(`9. export throughput to the local backend (backend in its own process; ${rounds} rounds)`);
  const key = (c: ContenderName, p: Protocol): string => `${c} ${p}`;
  const collected = new Map<string, { results: Array<ThroughputResult | undefined>; received: number[] }>();
  const batch = throughputBatch();
  for (let round = 1; round <= rounds; round++) {
    for (const protocol of plan.protocols) {
      for (const contender of rotate(plan.throughputContenders, round)) {
        await jobs.backend.reset();
        const job: Job = { section: 'throughput', contender, protocol, spans: plan.throughputSpans, warmupSpans: plan.throughputWarmup, batch };
        const result = await jobs.run<ThroughputResult>(job, `round ${round} ${contender} ${protocol}`);
        const entry = collected.get(key(contender, protocol)) ?? { results: [], received: [] };
        collected.set(key(contender, protocol), entry);
        entry.results[round - 1] = result;
        if (result) entry.received.push(await jobs.backend.spanCount());
      }
    }
  }
  const rows: ThroughputRow[] = [];
  for (const protocol of plan.protocols) {
    for (const contender of plan.throughputContenders) {
      const entry = collected.get(key(contender, protocol));
      const done = entry?.results.filter((r): r is ThroughputResult => r !== undefined) ?? [];
      if (!entry || done.length === 0) continue;
      const roundSpansPerSec = Array.from({ length: rounds }, (_, i) => entry.results[i]?.spansPerSec ?? Number.NaN);
      rows.push({
        contender,
        protocol,
        roundSpansPerSec,
        spansPerSec: summarize(roundSpansPerSec),
        cpuUsPerSpan: summarize(done.map((r) => r.cpuNsPerSpan / 1000)),
        received: entry.received,
        expected: plan.throughputSpans + plan.throughputWarmup,
      });
    }
  }
  for (const row of rows) {
    const raw = rows.find((r) => r.protocol === row.protocol && r.contender === 'raw-otel');
    if (raw && raw !== row) row.vsRaw = pairedRatio(row.roundSpansPerSec, raw.roundSpansPerSec);
  }
  return rows;
}
