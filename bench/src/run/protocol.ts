// Section 8: the OpenTelemetry performance-benchmark protocol, paired interleaved rounds.
import type { ProtocolResult } from '../jobs';
import type { Plan, ProtocolRun } from '../plan';
import type { ProtocolRow } from '../results';
import { pairedRatio, summarize } from '../stats';
import { rotate, type JobRunner } from './job-runner';

const key = (run: ProtocolRun): string => `${run.contender} ${run.mode}`;

/** Runs section 8 and returns a row per contender and mode, with the CPU share ÷ raw OTel's. */
export async function runProtocolSection(jobs: JobRunner, plan: Plan): Promise<ProtocolRow[]> {
  const rounds = plan.rounds.protocol;
  const { spansPerSec, seconds, warmupSeconds } = plan.protocol;
  jobs.progress(`8. specification protocol: ${spansPerSec} spans/s × ${seconds} s, 10 attributes of 20 + 20 characters (${rounds} rounds)`);
  const results = new Map<string, Array<(ProtocolResult & { received: number }) | undefined>>(plan.protocolRuns.map((r) => [key(r), []]));
  for (let round = 1; round <= rounds; round++) {
    for (const run of rotate(plan.protocolRuns, round)) {
      await jobs.backend.reset();
      const job = { section: 'protocol', contender: run.contender, mode: run.mode, spansPerSec, seconds, warmupSeconds } as const;
      const result = await jobs.run<ProtocolResult>(job, `round ${round} ${key(run)}`);
      results.get(key(run))![round - 1] = result ? { ...result, received: await jobs.backend.sinkSpanCount() } : undefined;
    }
  }
  const rows: ProtocolRow[] = [];
  for (const run of plan.protocolRuns) {
    const list = results.get(key(run))!;
    const done = list.filter((r) => r !== undefined);
    const last = done[done.length - 1];
    if (!last) continue;
    const perRound = (pick: (r: ProtocolResult & { received: number }) => number): number[] =>
      Array.from({ length: rounds }, (_, i) => (list[i] ? pick(list[i]!) : Number.NaN));
    const roundCpuShare = perRound((r) => r.cpuShare);
    rows.push({
      contender: run.contender,
      mode: run.mode,
      roundCpuShare,
      roundCpuNsPerSpan: perRound((r) => (r.cpuMs * 1e6) / r.spans),
      cpuShare: summarize(roundCpuShare),
      achievedPerSec: summarize(done.map((r) => r.achievedPerSec)),
      rssBytes: summarize(done.map((r) => r.rss)),
      made: perRound((r) => r.made),
      received: perRound((r) => r.received),
      ...(last.counts.dropped !== undefined ? { dropped: last.counts.dropped } : {}),
    });
  }
  const raw = rows.find((r) => r.contender === 'raw-otel');
  if (raw) for (const row of rows) if (row !== raw) row.vsRaw = pairedRatio(row.roundCpuNsPerSpan, raw.roundCpuNsPerSpan);
  return rows;
}
