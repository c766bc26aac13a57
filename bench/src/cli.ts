// `pnpm bench`: runs every section, each measurement in a fresh child, and writes
// results/latest.json and RESULTS.md (both regenerated), then prints the report.
import fs from 'node:fs';
import path from 'node:path';
import { BackendHost } from './backend-host';
import { contender } from './contenders';
import type { ContenderName } from './contenders/types';
import { parseOptions } from './options';
import { APP_DESCRIPTIONS, type AppName } from './fresh/apps';
import { FULL_PLAN, QUICK_PLAN, withOverrides, type Plan } from './plan';
import { machineDetails, packageVersions } from './report/machine';
import { renderMarkdown } from './report/markdown';
import { checkClaims, checkTargets } from './report/targets';
import type { BenchResults } from './results';
import { runSections } from './runner';

const PACKAGE_DIR = path.resolve(__dirname, '..');

function method(plan: Plan): Record<string, string> {
  return {
    'sink (sections 1–3, 10, 11)': 'one in-memory counting no-op exporter class for every contender, behind each contender’s own batch processor at its default settings',
    'sink (sections 4–9)': 'the local backend (@honeyhive/local-backend) in its own process; section 9 compares http/protobuf, http/json and grpc',
    process: 'each measurement in a fresh `node --expose-gc` child (sections 5–7: the tiny app itself, `node -r preload app.js`); rounds interleave the contenders and rotate their order every round',
    sampling: `per contender per round: warm-up ${plan.perCall.warmupMs} ms, then ${plan.perCall.roundMs} ms of timed batches (~${plan.perCall.targetSampleMs} ms, ≤ ${plan.perCall.maxBatch} calls each); per call = batch time / batch size; a round's figure is the median of its batches; ${plan.rounds.span} rounds`,
    intervals: '95 % t-interval over rounds: for a ratio, of the logarithms of the per-round ratios (paired: same round, consecutive processes), shown back as a ratio; for a difference, of the per-round differences',
    'raw OTel attributes': 'the same attribute keys our tracer records (checked: “same keys as ours”), set per call from the call’s data in object literals and setAttribute calls, as a user would write them',
    'CPU / call': 'process.cpuUsage (user + system) over the round and the final flush, divided by the calls: includes batching and export work done in the background',
    'memory from zero': 'process.memoryUsage() after two gc() calls at each stage of a tiny app, minus the same of an empty script run the same way in the same round',
    'cold start': 'process.hrtime at spawn (orchestrator) until the local backend (another process) holds the span, same monotonic clock',
    protocol: `${plan.protocol.spansPerSec} spans/s for ${plan.protocol.seconds} s after ${plan.protocol.warmupSeconds} s warm-up; CPU time ÷ wall time of the window`,
    throughput: `${plan.throughputSpans} spans (after ${plan.throughputWarmup} warm-up) with the typical LLM attributes, both sides batch 512, delay 50 ms, queue 4096, at most 2048 spans unacknowledged (the producer waits); time until the last export is acknowledged`,
    memory: `per additional tracer: heapUsed / RSS after two gc() calls; ${plan.additionalTracers} additional tracers kept alive; (after the last − after the first) / ${plan.additionalTracers}`,
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2), PACKAGE_DIR);
  const plan = withOverrides(options.quick ? QUICK_PLAN : FULL_PLAN, options);
  const startedAt = new Date();
  const progress = (line: string): void => {
    process.stderr.write(`${line}\n`);
  };
  if (options.cpuProfDir) fs.mkdirSync(options.cpuProfDir, { recursive: true });
  const childOptions = {
    execArgv: options.cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${options.cpuProfDir}`] : [],
    timeoutMs: Math.max(options.quick ? 60_000 : 240_000, 3 * (plan.protocol.seconds + plan.protocol.warmupSeconds) * 1000, 5 * (plan.perCall.roundMs + plan.perCall.warmupMs)),
  };

  progress(`honeyhive bench${options.quick ? ' --quick' : ''}: sections ${options.sections.join(', ')}`);
  const backend = await BackendHost.start();
  let measured: Awaited<ReturnType<typeof runSections>>;
  try {
    measured = await runSections(plan, options.sections, backend, childOptions, progress, path.join(PACKAGE_DIR, 'results', 'bundles'));
  } finally {
    await backend.stop();
  }

  const used = new Set<ContenderName>([
    ...plan.spanContenders,
    ...plan.decoratedContenders,
    ...plan.smallContenders,
    ...plan.setupContenders,
    ...plan.protocolRuns.map((r) => r.contender),
    ...plan.throughputContenders,
    ...plan.scalingContenders,
  ]);
  const contenders: BenchResults['contenders'] = {};
  for (const name of used) contenders[name] = contender(name).describe();
  const apps: BenchResults['apps'] = {};
  for (const app of new Set<AppName>(['empty', ...plan.freshApps, ...plan.coldstartApps, ...plan.bundles.map((b) => b.app)])) apps[app] = APP_DESCRIPTIONS[app];

  const results: BenchResults = {
    schema: 2,
    quick: options.quick,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    machine: machineDetails(startedAt),
    versions: packageVersions(PACKAGE_DIR),
    method: method(plan),
    contenders,
    apps,
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
