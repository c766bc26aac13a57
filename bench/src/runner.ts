// Runs the sections the options name, in order, and gathers their rows.
import type { BackendHost } from './backend-host';
import type { ChildOptions } from './child';
import { SECTION_NAMES, type SectionName } from './options';
import type { Plan } from './plan';
import type { BenchResults } from './results';
import { runBundleSection } from './run/bundle';
import { runColdStartSection, runFreshSection } from './run/fresh';
import { runCaptureSection, runScalingSection } from './run/growth';
import { JobRunner, type Progress } from './run/job-runner';
import { runPerCallSection } from './run/per-call';
import { runProtocolSection } from './run/protocol';
import { runSetupSection } from './run/setup';
import { runThroughputSection } from './run/throughput';

export type { Progress } from './run/job-runner';

/** Runs the sections of `plan` that `sections` names and returns their rows. */
export async function runSections(
  plan: Plan,
  sections: readonly SectionName[],
  backend: BackendHost,
  childOptions: ChildOptions,
  progress: Progress,
  bundleDir: string,
): Promise<Pick<BenchResults, 'sections' | 'outbound' | 'failures'>> {
  const jobs = new JobRunner(backend, childOptions, progress);
  const out: BenchResults['sections'] = {};
  for (const section of SECTION_NAMES.filter((name) => sections.includes(name))) {
    switch (section) {
      case 'span':
      case 'decorated':
      case 'small':
        out[section] = await runPerCallSection(jobs, plan, section);
        break;
      case 'setup':
        out.setup = await runSetupSection(jobs, plan);
        break;
      case 'fresh':
        out.fresh = await runFreshSection(jobs, plan);
        break;
      case 'coldstart':
        out.coldstart = await runColdStartSection(jobs, plan);
        break;
      case 'bundle':
        out.bundle = await runBundleSection(jobs, plan, bundleDir);
        break;
      case 'protocol':
        out.protocol = await runProtocolSection(jobs, plan);
        break;
      case 'throughput':
        out.throughput = await runThroughputSection(jobs, plan);
        await backend.reset();
        break;
      case 'scaling':
        out.scaling = await runScalingSection(jobs, plan);
        break;
      case 'capture':
        out.capture = await runCaptureSection(jobs, plan);
        break;
    }
  }
  return { sections: out, outbound: jobs.outbound, failures: jobs.failures };
}
