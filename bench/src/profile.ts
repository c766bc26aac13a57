// `node dist/profile.js --section span|decorated|small|setup|protocol|protocol-trace|throughput|scaling --contender ours
// [--protocol grpc] [--top 25]`: runs one
// benchmark job under `node --cpu-prof` and prints where its time goes (file:function, share).
import fs from 'node:fs';
import path from 'node:path';
import { BackendHost } from './backend-host';
import { runJob } from './child';
import { CONTENDER_NAMES, type ContenderName, type Protocol } from './contenders/types';
import type { Job } from './jobs';
import { FULL_PLAN, throughputBatch } from './plan';
import { summarizeProfile } from './report/cpu-profile';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 && process.argv[at + 1] ? (process.argv[at + 1] as string) : fallback;
}

function jobFor(section: string, contender: ContenderName, protocol: Protocol): Job {
  const plan = FULL_PLAN;
  switch (section) {
    case 'span':
    case 'decorated':
    case 'small':
      return { section, contender, sampling: { ...plan.perCall, warmupMs: 3000 } };
    case 'protocol':
    case 'protocol-trace':
      return { section: 'protocol', contender, mode: section === 'protocol' ? 'span' : 'trace', ...plan.protocol };
    case 'setup':
      return { section, contender, additional: plan.additionalTracers };
    case 'throughput':
      return { section, contender, protocol, spans: plan.throughputSpans, warmupSpans: plan.throughputWarmup, batch: throughputBatch() };
    case 'scaling':
      return { section, contender, sizes: plan.payloadSizes, depths: plan.depths, sampling: plan.scalingSampling };
    default:
      throw new Error(`unknown section ${section}`);
  }
}

async function main(): Promise<void> {
  const section = arg('section', 'span');
  const contender = arg('contender', 'ours') as ContenderName;
  if (!CONTENDER_NAMES.includes(contender)) throw new Error(`unknown contender ${contender}`);
  const protocol = arg('protocol', 'http/protobuf') as Protocol;
  const top = Number(arg('top', '25'));
  const dir = path.resolve(__dirname, '..', 'results', 'profiles', `${section}-${contender}-${protocol.replace('/', '-')}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const backend = await BackendHost.start();
  try {
    // Set-up is profiled around the first construction only; the other sections over the whole child.
    const childOptions =
      section === 'setup'
        ? { env: { BENCH_PROFILE_SETUP: path.join(dir, 'first-setup.cpuprofile') } }
        : { execArgv: ['--cpu-prof', `--cpu-prof-dir=${dir}`] };
    const output = await runJob(jobFor(section, contender, protocol), backend.urls, childOptions);
    if (!output.ok) throw new Error(output.error);
  } finally {
    await backend.stop();
  }
  const file = fs.readdirSync(dir).find((name) => name.endsWith('.cpuprofile'));
  if (!file) throw new Error(`no profile written in ${dir}`);
  // Per-call sections: the timed loop only (not module loading); set-up: the construction only.
  const focus = section === 'setup' ? 'createFirst' : section === 'throughput' || section.startsWith('protocol') ? undefined : 'runBatch';
  const summary = summarizeProfile(path.join(dir, file), top, focus);
  const pct = (share: number): string => `${(share * 100).toFixed(1).padStart(5)} %`;
  process.stdout.write(`${section} / ${contender}: ${summary.totalMs.toFixed(0)} ms sampled under ${focus ?? "the whole child"} (GC ${pct(summary.gcShare)}), profile ${path.join(dir, file)}\n`);
  process.stdout.write('\nself time\n');
  for (const spot of summary.self) process.stdout.write(`${pct(spot.selfShare)}  ${spot.where}\n`);
  process.stdout.write('\ninclusive time\n');
  for (const spot of summary.inclusive) process.stdout.write(`${pct(spot.inclusiveShare)}  ${spot.where}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
