import { contender } from '../contenders';
import type { BackendUrls, TracerHandle } from '../contenders/types';
import type { Job, ScalingResult } from '../jobs';
import { llmPayload } from '../workload';
import { measureCalls } from './per-call';

/**
 * A chain of `depth` traced functions without arguments or result; calling the root makes `depth` nested spans,
 * each with the attributes every contender records for such a call (see raw-otel-calls.ts).
 */
function nestedChain(handle: TracerHandle, depth: number): () => unknown {
  let next: () => unknown = handle.wrap(function leaf() {});
  for (let level = 1; level < depth; level++) {
    const inner = next;
    next = handle.wrap(function step() {
      inner();
    });
  }
  return next;
}

/** Section 5: cost against input size and against nesting depth. */
export async function runScaling(job: Extract<Job, { section: 'scaling' }>, backend: BackendUrls): Promise<ScalingResult> {
  const subject = contender(job.contender);
  subject.load([]);
  const handle = await subject.create({ sink: { kind: 'memory' }, backend, index: 0 });
  const result: ScalingResult = { payload: [], depth: [] };
  // Warm the shared code paths once, so the first point is not measured colder than the others.
  const typical = llmPayload();
  const warmCall = handle.llmCall(typical);
  await measureCalls(handle, () => warmCall(typical.messages, typical.params), { ...job.sampling, roundMs: 1 });
  for (const bytes of job.sizes) {
    const payload = llmPayload(bytes);
    const call = handle.llmCall(payload);
    result.payload.push({ bytes, result: await measureCalls(handle, () => call(payload.messages, payload.params), job.sampling) });
  }
  for (const depth of job.depths) {
    const root = nestedChain(handle, depth);
    const sampling = { ...job.sampling, maxBatch: Math.max(1, Math.floor(job.sampling.maxBatch / depth)) };
    result.depth.push({ depth, result: await measureCalls(handle, () => root(), sampling) });
  }
  await handle.shutdown();
  return result;
}
