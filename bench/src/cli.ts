// `pnpm bench`: runs every section, each measurement in a fresh child, and writes
// results/latest.json and RESULTS.md (both regenerated), then prints the report.
import fs from 'node:fs';
import path from 'node:path';
import { BackendHost } from './backend-host';
import { contender } from './contenders';
import type { ContenderName } from './contenders/types';
import { parseOptions } from './options';
import { FULL_PLAN, QUICK_PLAN, type Plan } from './plan';
import { machineDetails, packageVersions } from './report/machine';
import { renderMarkdown } from './report/markdown';
import { checkClaims, checkTargets } from './report/targets';
import type { BenchResults } from './results';
import { runSections } from './runner';

const PACKAGE_DIR = path.resolve(__dirname, '..');

function method(plan: Plan): Record<string, string> {
  return {
    'sink (sections 1, 2, 5)': 'one in-memory counting no-op exporter class for every contender, behind each contender’s own batch processor at its default settings',
    'sink (sections 3, 4)': 'the local backend (@honeyhive/local-backend) in its own process; section 4 compares http/protobuf, http/json and grpc',
    process: 'each measurement in a fresh `node --expose-gc` child; rounds interleave the contenders in a fixed order',
    sampling: `warm-up ${plan.perCall.warmupMs} ms, then ${plan.perCall.samples} samples of an adaptive batch (~${plan.perCall.targetSampleMs} ms, ≤ ${plan.perCall.maxBatch} calls); per call = batch time / batch size; medians and p25/p75 over the pooled samples of ${plan.rounds.span} rounds`,
    'raw OTel attributes': 'the same attributes our tracer records (docs/wire-contract.md keys), flattened once by hand and set with setAttributes',
    'CPU / call': 'process.cpuUsage (user + system) over the samples and the final flush, divided by the calls: includes batching and export work done in the background',
    throughput: `${plan.throughputSpans} spans (after ${plan.throughputWarmup} warm-up) with the typical LLM attributes, both sides batch 512, delay 50 ms, queue 4096, at most 2048 spans unacknowledged (the producer waits); time until the last export is acknowledged`,
    memory: `heapUsed / RSS deltas after two gc() calls; ${plan.additionalTracers} additional tracers kept alive; per additional = (after the last − after the first) / ${plan.additionalTracers}`,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), PACKAGE_DIR);
  const plan = options.quick ? QUICK_PLAN : FULL_PLAN;
  const startedAt = new Date();
  const progress = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  if (options.cpuProfDir) fs.mkdirSync(options.cpuProfDir, { recursive: true });
  const childOptions = {
    execArgv: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
    timeoutMs: options.quick ? 60_000 : 240_000,
  };

  progress(`honeyhive bench${options.quick ? ' --quick' : ''}: sections ${options.sections.join(', ')}`);
  const backend = await BackendHost.start();
  let measured: Awaited<ReturnType<typeof runSections>>;
  try {
    measured = await runSections(plan, options.sections, backend, childOptions, progress);
  } finally {
    await backend.stop();
  }

  const used = new Set<ContenderName>([
    ...plan.spanContenders,
    ...plan.decoratedContenders,
    ...plan.setupContenders,
    ...plan.throughputContenders,
    ...plan.scalingContenders,
  ]);
  const contenders: BenchResults['contenders'] = {};
  for (const name of used) contenders[name] = contender(name).describe();

  const results: BenchResults = {
    schema: 1,
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine: machineDetails(startedAt),
    versions: packageVersions(PACKAGE_DIR),
    method: method(plan),
    contenders,
    sections: measured.sections,
    targets: checkTargets(measured.sections),
    claims: checkClaims(measured.sections),
    outbound: measured.outbound,
    failures: measured.failures,
  };
  const markdown = renderMarkdown(results);
  fs.mkdirSync(path.dirname(options.jsonPath), { recursive: true });
  fs.writeFileSync(options.jsonPath, `${JSON.stringify(results, null, 2)}\n`);
  fs.mkdirSync(path.dirname(options.markdownPath), { recursive: true });
  fs.writeFileSync(options.markdownPath, markdown);
  process.stdout.write(`${markdown}\n`);
  progress(`wrote ${path.relative(process.cwd(), options.jsonPath)} and ${path.relative(process.cwd(), options.markdownPath)}`);
  if (results.failures.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
