import { contender } from '../contenders';
import type { BackendUrls, TracerHandle } from '../contenders/types';
import type { Job, MemoryReading, SetupResult } from '../jobs';
import { profiled } from './inspector-profile';

const gc = (globalThis as { gc?: () => void }).gc;

async function settledMemory(): Promise<MemoryReading> {
  // Let background work the constructor started (a session request) finish before reading.
  await new Promise((resolve) => setTimeout(resolve, 15));
  if (!gc) throw new Error('run the benchmark child with --expose-gc');
  gc();
  gc();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss };
}

function minus(a: MemoryReading, b: MemoryReading): MemoryReading {
  return { heapUsed: a.heapUsed - b.heapUsed, rss: a.rss - b.rss };
}

/**
 * Section 3, in a fresh process: memory of loading the modules, then set-up time and memory of the first
 * tracer and of each additional one. Every tracer is kept alive and points at the local backend
 * (http/protobuf); no span is made.
 */
export async function runSetup(job: Extract<Job, { section: 'setup' }>, backend: BackendUrls): Promise<SetupResult> {
  const subject = contender(job.contender);
  const beforeLoad = await settledMemory();
  const loadStart = performance.now();
  subject.load(['http/protobuf']);
  const loadMs = performance.now() - loadStart;
  const afterLoad = await settledMemory();

  const sink = { kind: 'backend', protocol: 'http/protobuf' } as const;
  const kept: TracerHandle[] = [];
  // BENCH_PROFILE_SETUP=<file.cpuprofile> profiles the first construction only (see profile.ts).
  const profileFile = process.env['BENCH_PROFILE_SETUP'];
  const createFirst = (): Promise<TracerHandle> => subject.create({ sink, backend, index: 0 });
  const first = profileFile ? await profiled(profileFile, createFirst) : await createFirst();
  kept.push(first);
  const afterFirst = await settledMemory();

  const additionalSetupNs: number[] = [];
  const additionalDeltas: MemoryReading[] = [];
  let previous = afterFirst;
  for (let i = 1; i <= job.additional; i++) {
    const handle = await subject.create({ sink, backend, index: i });
    kept.push(handle);
    additionalSetupNs.push(handle.setupNs);
    const now = await settledMemory();
    additionalDeltas.push(minus(now, previous));
    previous = now;
  }
  const total = minus(previous, afterFirst);
  const perAdditionalAverage = {
    heapUsed: total.heapUsed / Math.max(1, job.additional),
    rss: total.rss / Math.max(1, job.additional),
  };
  for (const handle of kept) await handle.shutdown().catch(() => undefined);
  return {
    loadMs,
    loadDelta: minus(afterLoad, beforeLoad),
    firstSetupNs: first.setupNs,
    firstDelta: minus(afterFirst, afterLoad),
    additionalSetupNs,
    additionalDeltas,
    perAdditionalAverage,
  };
}
