// Entry of every benchmark child: runs one job in this fresh process and sends the answer over IPC.
import { installNetGuard, outboundAttempts } from './net-guard';
installNetGuard();

import type { JobResult, WorkerInput, WorkerOutput } from './jobs';
import { runCapture } from './sections/capture-cost';
import { runPerCall } from './sections/per-call';
import { runScaling } from './sections/scaling';
import { runSetup } from './sections/setup-memory';
import { runProtocol } from './sections/spec-protocol';
import { runThroughput } from './sections/throughput';

async function run(input: WorkerInput): Promise<JobResult> {
  const { job, backend } = input;
  switch (job.section) {
    case 'span':
    case 'decorated':
    case 'small':
      return runPerCall(job, backend);
    case 'protocol':
      return runProtocol(job, backend);
    case 'setup':
      return runSetup(job, backend);
    case 'throughput':
      return runThroughput(job, backend);
    case 'scaling':
      return runScaling(job, backend);
    case 'capture':
      return runCapture(job, backend);
  }
}

function reply(output: WorkerOutput): void {
  // Exit once the answer is out: some peers keep timers or sockets that would hold the process open.
  process.send!(output, () => process.exit(0));
}

process.once('message', (input: WorkerInput) => {
  run(input).then(
    (result) => reply({ ok: true, result, outbound: outboundAttempts() }),
    (error: unknown) => reply({ ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error), outbound: outboundAttempts() }),
  );
});
