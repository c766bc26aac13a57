// Runs the sections' jobs, each in a fresh child, round by round in a fixed contender order, and
// aggregates the answers into the rows of the results file.
import type { BackendHost } from './backend-host';
import { runJob, type ChildOptions } from './child';
import type { ContenderName, Protocol } from './contenders/types';
import type { CallResult, CaptureResult, Job, JobResult, ScalingResult, SetupResult, ThroughputResult } from './jobs';
import { throughputBatch, type Plan } from './plan';
import type { BenchResults, CaptureRow, PerCallRow, ScalingRow, SetupRow, ThroughputRow } from './results';
import type { SectionName } from './options';
import { summarize } from './stats';

/** Where progress lines go. */
export type Progress = (line: string) => void;

const MS = 1e6;

/** Runs one job and books its outbound attempts and failure. */
class JobRunner {
  readonly outbound: Partial<Record<ContenderName, string[]>> = {};
  readonly failures: string[] = [];

  constructor(
    private readonly backend: BackendHost,
    private readonly childOptions: ChildOptions,
    private readonly progress: Progress,
  ) {}

  async run<T extends JobResult>(job: Job, label: string): Promise<T | undefined> {
    const started = Date.now();
    const output = await runJob(job, this.backend.urls, this.childOptions);
    const seen = (this.outbound[job.contender] ??= []);
    for (const attempt of output.outbound) if (!seen.includes(attempt)) seen.push(attempt);
    if (!output.ok) {
      const first = output.error.split('\n').slice(0, 3).join(' | ');
      this.failures.push(`${label}: ${first}`);
      this.progress(`  ${label}: FAILED (${first})`);
      return undefined;
    }
    this.progress(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return output.result as T;
  }
}

function perCallRow(contender: ContenderName, results: CallResult[]): PerCallRow | undefined {
  const last = results[results.length - 1];
  if (!last) return undefined;
  return {
    contender,
    nsPerCall: summarize(results.flatMap((r) => r.samplesNs)),
    roundMedians: results.map((r) => summarize(r.samplesNs).median),
    cpuNsPerCall: summarize(results.map((r) => r.cpuNsPerCall)).median,
    called: last.called,
    exported: last.counts.exported,
    ...(last.counts.dropped !== undefined ? { dropped: last.counts.dropped } : {}),
    ...(last.counts.attributesPerSpan !== undefined ? { attributesPerSpan: last.counts.attributesPerSpan } : {}),
  };
}

function setupRow(contender: ContenderName, results: SetupResult[], additional: number): SetupRow | undefined {
  if (results.length === 0) return undefined;
  return {
    contender,
    loadMs: summarize(results.map((r) => r.loadMs)),
    loadHeapBytes: summarize(results.map((r) => r.loadDelta.heapUsed)),
    loadRssBytes: summarize(results.map((r) => r.loadDelta.rss)),
    firstSetupMs: summarize(results.map((r) => r.firstSetupNs / MS)),
    firstHeapBytes: summarize(results.map((r) => r.firstDelta.heapUsed)),
    firstRssBytes: summarize(results.map((r) => r.firstDelta.rss)),
    additionalSetupMs: summarize(results.flatMap((r) => r.additionalSetupNs.map((ns) => ns / MS))),
    perAdditionalHeapBytes: summarize(results.map((r) => r.perAdditionalAverage.heapUsed)),
    perAdditionalRssBytes: summarize(results.map((r) => r.perAdditionalAverage.rss)),
    additional,
  };
}

/** Runs the sections of `plan` that `sections` names and returns their rows. */
export async function runSections(
  plan: Plan,
  sections: readonly SectionName[],
  backend: BackendHost,
  childOptions: ChildOptions,
  progress: Progress,
): Promise<Pick<BenchResults, 'sections' | 'outbound' | 'failures'>> {
  const jobs = new JobRunner(backend, childOptions, progress);
  const out: BenchResults['sections'] = {};

  for (const section of ['span', 'decorated'] as const) {
    if (!sections.includes(section)) continue;
    const contenders = section === 'span' ? plan.spanContenders : plan.decoratedContenders;
    progress(section === 'span' ? '1. per-span cost (typical LLM payload, no-op sink)' : '2. decorated call overhead (function that does nothing)');
    const byContender = new Map<ContenderName, CallResult[]>(contenders.map((c) => [c, []]));
    for (let round = 1; round <= plan.rounds[section]; round++) {
      for (const contender of contenders) {
        const result = await jobs.run<CallResult>({ section, contender, sampling: plan.perCall }, `round ${round} ${contender}`);
        if (result) byContender.get(contender)!.push(result);
      }
    }
    out[section] = [...byContender].map(([c, results]) => perCallRow(c, results)).filter((row): row is PerCallRow => row !== undefined);
  }

  if (sections.includes('setup')) {
    progress('3. tracer set-up time and memory (fresh process each)');
    const byContender = new Map<ContenderName, SetupResult[]>(plan.setupContenders.map((c) => [c, []]));
    for (let round = 1; round <= plan.rounds.setup; round++) {
      for (const contender of plan.setupContenders) {
        const result = await jobs.run<SetupResult>({ section: 'setup', contender, additional: plan.additionalTracers }, `round ${round} ${contender}`);
        if (result) byContender.get(contender)!.push(result);
      }
    }
    out.setup = [...byContender]
      .map(([c, results]) => setupRow(c, results, plan.additionalTracers))
      .filter((row): row is SetupRow => row !== undefined);
  }

  if (sections.includes('throughput')) {
    progress('4. export throughput to the local backend (backend in its own process)');
    const key = (c: ContenderName, p: Protocol): string => `${c} ${p}`;
    const collected = new Map<string, { results: ThroughputResult[]; received: number[] }>();
    const batch = throughputBatch();
    for (let round = 1; round <= plan.rounds.throughput; round++) {
      for (const protocol of plan.protocols) {
        for (const contender of plan.throughputContenders) {
          await backend.reset();
          const job: Job = { section: 'throughput', contender, protocol, spans: plan.throughputSpans, warmupSpans: plan.throughputWarmup, batch };
          const result = await jobs.run<ThroughputResult>(job, `round ${round} ${contender} ${protocol}`);
          const entry = collected.get(key(contender, protocol)) ?? { results: [], received: [] };
          collected.set(key(contender, protocol), entry);
          if (!result) continue;
          entry.results.push(result);
          entry.received.push(await backend.spanCount());
        }
      }
    }
    const rows: ThroughputRow[] = [];
    for (const protocol of plan.protocols) {
      for (const contender of plan.throughputContenders) {
        const entry = collected.get(key(contender, protocol));
        if (!entry || entry.results.length === 0) continue;
        rows.push({
          contender,
          protocol,
          spansPerSec: summarize(entry.results.map((r) => r.spansPerSec)),
          cpuUsPerSpan: summarize(entry.results.map((r) => r.cpuNsPerSpan / 1000)),
          received: entry.received,
          expected: plan.throughputSpans + plan.throughputWarmup,
        });
      }
    }
    out.throughput = rows;
    await backend.reset();
  }

  if (sections.includes('scaling')) {
    progress('5. growth with input size and nesting depth');
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
    out.scaling = { payload, depth };
  }

  if (sections.includes('capture')) {
    progress('6. capture cost: typical, huge, sparse and wide inputs (ours)');
    const results: CaptureResult[] = [];
    for (let round = 1; round <= plan.rounds.capture; round++) {
      const job: Job = { section: 'capture', contender: 'ours', cases: plan.captureCases, repeats: plan.captureRepeats };
      const result = await jobs.run<CaptureResult>(job, `round ${round} ours`);
      if (result) results.push(result);
    }
    const rows: CaptureRow[] = [];
    for (const first of results[0]?.cases ?? []) {
      const same = results.flatMap((r) => r.cases.filter((c) => c.name === first.name && c.path === first.path));
      rows.push({ case: first.name, path: first.path, nsPerCall: summarize(same.flatMap((c) => c.samplesNs)), ...(first.attributes !== undefined ? { attributes: first.attributes } : {}) });
    }
    out.capture = rows;
  }

  return { sections: out, outbound: jobs.outbound, failures: jobs.failures };
}
