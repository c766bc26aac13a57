// Section 4: set-up time (first tracer, cold, modules loaded as a user loads them) and per additional tracer.
import type { ContenderName } from '../contenders/types';
import type { SetupResult } from '../jobs';
import type { Plan } from '../plan';
import type { SetupRow } from '../results';
import { pairedRatio, summarize } from '../stats';
import { rotate, type JobRunner } from './job-runner';

const MS = 1e6;

/** Runs section 4 and returns its rows. */
export async function runSetupSection(jobs: JobRunner, plan: Plan): Promise<SetupRow[]> {
  const rounds = plan.rounds.setup;
  jobs.progress(`4. tracer set-up time and per-tracer memory: ${rounds} rounds, a fresh process each`);
  const byContender = new Map<ContenderName, Array<SetupResult | undefined>>(plan.setupContenders.map((c) => [c, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of rotate(plan.setupContenders, round)) {
      const result = await jobs.run<SetupResult>({ section: 'setup', contender, additional: plan.additionalTracers }, `round ${round} ${contender}`);
      byContender.get(contender)![round - 1] = result;
    }
  }
  const rows: SetupRow[] = [];
  for (const [contender, results] of byContender) {
    const done = results.filter((r): r is SetupResult => r !== undefined);
    if (done.length === 0) continue;
    const perRound = (pick: (r: SetupResult) => number): number[] =>
      Array.from({ length: rounds }, (_, i) => (results[i] ? pick(results[i]!) : Number.NaN));
    const roundPerAdditionalHeapBytes = perRound((r) => r.perAdditionalAverage.heapUsed);
    const roundPerAdditionalRssBytes = perRound((r) => r.perAdditionalAverage.rss);
    rows.push({
      contender,
      loadMs: summarize(done.map((r) => r.loadMs)),
      firstSetupMs: summarize(done.map((r) => r.firstSetupNs / MS)),
      roundFirstSetupMs: perRound((r) => r.firstSetupNs / MS),
      additionalSetupMs: summarize(done.flatMap((r) => r.additionalSetupNs.map((ns) => ns / MS))),
      roundPerAdditionalHeapBytes,
      roundPerAdditionalRssBytes,
      perAdditionalHeapBytes: summarize(roundPerAdditionalHeapBytes),
      perAdditionalRssBytes: summarize(roundPerAdditionalRssBytes),
      additional: plan.additionalTracers,
    });
  }
  const raw = rows.find((r) => r.contender === 'raw-otel');
  if (raw) for (const row of rows) if (row !== raw) row.firstSetupVsRaw = pairedRatio(row.roundFirstSetupMs, raw.roundFirstSetupMs);
  return rows;
}
