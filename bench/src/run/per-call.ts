// Sections 1–3: per-call cost, in paired interleaved rounds (a fresh child per contender per round).
import type { ContenderName } from '../contenders/types';
import type { CallResult } from '../jobs';
import type { Plan } from '../plan';
import type { PerCallRow } from '../results';
import { pairedRatio, summarize } from '../stats';
import { rotate, type JobRunner } from './job-runner';

/** The per-call sections. */
export type PerCallSection = 'span' | 'decorated' | 'small';

const TITLES: Record<PerCallSection, string> = {
  span: '1. per-span cost (typical LLM payload, no-op sink)',
  decorated: '2. decorated call overhead (function that does nothing)',
  small: '3. traced call with a small argument and result',
};

function contendersOf(plan: Plan, section: PerCallSection): ContenderName[] {
  return section === 'span' ? plan.spanContenders : section === 'decorated' ? plan.decoratedContenders : plan.smallContenders;
}

/** Runs one per-call section and returns its rows, each with its ratios to raw OTel. */
export async function runPerCallSection(jobs: JobRunner, plan: Plan, section: PerCallSection): Promise<PerCallRow[]> {
  const contenders = contendersOf(plan, section);
  const rounds = plan.rounds[section];
  jobs.progress(`${TITLES[section]}: ${rounds} round(s) × ${plan.perCall.roundMs} ms per contender`);
  const byContender = new Map<ContenderName, Array<CallResult | undefined>>(contenders.map((c) => [c, []]));
  for (let round = 1; round <= rounds; round++) {
    for (const contender of rotate(contenders, round)) {
      const result = await jobs.run<CallResult>({ section, contender, sampling: plan.perCall }, `round ${round} ${contender}`);
      byContender.get(contender)![round - 1] = result;
    }
  }
  const rows: PerCallRow[] = [];
  for (const [contender, results] of byContender) {
    const done = results.filter((r): r is CallResult => r !== undefined);
    const last = done[done.length - 1];
    if (!last) continue;
    const perRound = (pick: (r: CallResult) => number): number[] =>
      Array.from({ length: rounds }, (_, i) => (results[i] ? pick(results[i]!) : Number.NaN));
    rows.push({
      contender,
      nsPerCall: summarize(done.flatMap((r) => r.samplesNs)),
      roundNs: perRound((r) => summarize(r.samplesNs).median),
      roundCpuNs: perRound((r) => r.cpuNsPerCall),
      called: last.called,
      exported: last.counts.exported,
      ...(last.counts.dropped !== undefined ? { dropped: last.counts.dropped } : {}),
      ...(last.counts.attributesPerSpan !== undefined ? { attributesPerSpan: last.counts.attributesPerSpan } : {}),
      ...(last.counts.attributeKeys !== undefined ? { attributeKeys: last.counts.attributeKeys } : {}),
    });
  }
  const raw = rows.find((r) => r.contender === 'raw-otel');
  if (raw) {
    for (const row of rows) {
      if (row === raw) continue;
      row.vsRaw = pairedRatio(row.roundNs, raw.roundNs);
      row.cpuVsRaw = pairedRatio(row.roundCpuNs, raw.roundCpuNs);
    }
  }
  return rows;
}
