import { contender } from '../contenders';
import type { TracerHandle } from '../contenders/types';
import type { BackendUrls } from '../contenders/types';
import type { CallResult, Job, SamplingPlan } from '../jobs';
import { sample } from '../sampler';
import { SMALL_QUERY, llmPayload } from '../workload';

/** Samples `op` and reads the sink's counts after a flush. */
export async function measureCalls(handle: TracerHandle, op: () => unknown, sampling: SamplingPlan): Promise<CallResult> {
  let called = 0;
  const counted = (): unknown => {
    called++;
    return op();
  };
  const sampled = await sample(counted, { ...sampling, settle: () => handle.flush(), afterBatch: () => handle.drain() });
  return { ...sampled, called, counts: handle.counts() };
}

function doNothing(): void {}

/**
 * Sections 1, 2 and 2b: one traced LLM call with the full payload, a decorated function that does nothing, or a
 * traced function with a small argument and result.
 */
export async function runPerCall(job: Extract<Job, { section: 'span' | 'decorated' | 'small' }>, backend: BackendUrls): Promise<CallResult> {
  const subject = contender(job.contender);
  subject.load([]);
  const handle = await subject.create({ sink: { kind: 'memory' }, backend, index: 0 });
  let op: () => unknown;
  if (job.section === 'span') {
    const payload = llmPayload();
    const call = handle.llmCall(payload);
    op = () => call(payload.messages, payload.params);
  } else if (job.section === 'small') {
    const call = handle.smallCall();
    op = () => call(SMALL_QUERY);
  } else {
    op = handle.wrap(doNothing);
  }
  const result = await measureCalls(handle, op, job.sampling);
  await handle.shutdown();
  return result;
}
