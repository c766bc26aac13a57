// Sections 10 and 11: growth with input size and nesting depth; capture cost of huge, sparse and wide inputs.
import type { ContenderName } from '../contenders/types';
import type { CaptureResult, Job, ScalingResult } from '../jobs';
import type { Plan } from '../plan';
import type { CaptureRow, ScalingRow } from '../results';
import { summarize } from '../stats';
import type { JobRunner } from './job-runner';

/** Runs section 10. */
export async function runScalingSection(jobs: JobRunner, plan: Plan): Promise<{ payload: ScalingRow[]; depth: ScalingRow[] }> {
  jobs.progress('10. growth with input size and nesting depth');
  const byContender = new Map<ContenderName, ScalingResult[]>(plan.scalingContenders.map((c) => [c, []]));
  for (let round = 1; round <= plan.rounds.scaling; round++) {
    for (const contender of plan.scalingContenders) {
      const job: Job = { section: 'scaling', contender, sizes: plan.payloadSizes, depths: plan.depths, sampling: plan.scalingSampling };
      const result = await jobs.run<ScalingResult>(job, `round ${round} ${contender}`);
      if (result) byContender.get(contender)!.push(result);
    }
  }
  const payload: ScalingRow[] = [];
  const depth: ScalingRow[] = [];
  for (const [contender, results] of byContender) {
    if (results.length === 0) continue;
    for (const bytes of plan.payloadSizes) {
      const summary = summarize(results.flatMap((r) => r.payload.find((p) => p.bytes === bytes)?.result.samplesNs ?? []));
      payload.push({ contender, x: bytes, nsPerCall: summary, nsPerSpan: summary.median });
    }
    for (const d of plan.depths) {
      const summary = summarize(results.flatMap((r) => r.depth.find((p) => p.depth === d)?.result.samplesNs ?? []));
      depth.push({ contender, x: d, nsPerCall: summary, nsPerSpan: summary.median / d });
    }
  }
  return { payload, depth };
}

/** Runs section 11 (ours only). */
export async function runCaptureSection(jobs: JobRunner, plan: Plan): Promise<CaptureRow[]> {
  jobs.progress('11. capture cost: typical, huge, sparse and wide inputs (ours)');
  const results: CaptureResult[] = [];
  for (let round = 1; round <= plan.rounds.capture; round++) {
    const job: Job = { section: 'capture', contender: 'ours', cases: plan.captureCases, repeats: plan.captureRepeats };
    const result = await jobs.run<CaptureResult>(job, `round ${round} ours`);
    if (result) results.push(result);
  }
  const rows: CaptureRow[] = [];
  for (const first of results[0]?.cases ?? []) {
    const same = results.flatMap((r) => r.cases.filter((c) => c.name === first.name && c.path === first.path));
    rows.push({
      case: first.name,
      path: first.path,
      nsPerCall: summarize(same.flatMap((c) => c.samplesNs)),
      ...(first.attributes !== undefined ? { attributes: first.attributes } : {}),
    });
  }
  return rows;
}
