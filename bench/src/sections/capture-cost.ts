// Section 6: what capturing one value costs our tracer, from a typical LLM payload to inputs that are huge,
// sparse or wide. Capture reads at most 2 × maxAttributes entries whatever the value, so a call with an
// array of 5e7 holes or with a[1e9] set costs about what a small one does.
import { enrichSpan } from '@honeyhive/instrumentation';
import { contender } from '../contenders';
import type { BackendUrls } from '../contenders/types';
import type { CaptureCaseResult, CaptureResult, Job } from '../jobs';
import { CAPTURE_CASES } from './capture-cases';

const WARM_UP_CALLS = 2_000;

/** The paths a value is captured by: as the argument of a traced call, and as metadata given to enrichSpan. */
const CAPTURE_PATHS = ['trace(fn)(value)', 'enrichSpan({ metadata: { a: value } })'] as const;

/** Section 6, in a fresh process: our tracer only, each case `repeats` times through each path. */
export async function runCapture(job: Extract<Job, { section: 'capture' }>, backend: BackendUrls): Promise<CaptureResult> {
  const subject = contender('ours');
  subject.load();
  const handle = await subject.create({ sink: { kind: 'memory' }, backend, index: 0 });
  const cases: CaptureCaseResult[] = [];
  // warm-up: the first calls of a fresh process run unoptimised code
  const warm = CAPTURE_CASES[0]!.build();
  const warmArgument = handle.wrap((input: unknown) => (input === undefined ? 0 : 1));
  const warmEnrichment = handle.wrap(() => enrichSpan({ metadata: { a: warm } }));
  for (let i = 0; i < WARM_UP_CALLS; i++) {
    warmArgument(warm);
    warmEnrichment();
    if (i % 100 === 99) {
      await handle.flush();
      handle.drain();
    }
  }
  for (const captureCase of CAPTURE_CASES.filter((c) => job.cases.includes(c.name))) {
    let value: unknown = captureCase.build();
    const byArgument = handle.wrap((input: unknown) => (input === undefined ? 0 : 1));
    const byEnrichment = handle.wrap(() => enrichSpan({ metadata: { a: value } }));
    for (const path of CAPTURE_PATHS) {
      const samplesNs: number[] = [];
      for (let i = 0; i < job.repeats; i++) {
        const start = process.hrtime.bigint();
        if (path === CAPTURE_PATHS[0]) byArgument(value);
        else byEnrichment();
        samplesNs.push(Number(process.hrtime.bigint() - start));
        await handle.flush();
        if (i < job.repeats - 1) handle.drain();
      }
      await handle.flush();
      cases.push({ name: captureCase.name, path, samplesNs, attributes: handle.counts().attributesPerSpan });
    }
    value = undefined;
  }
  await handle.shutdown();
  return { cases };
}
