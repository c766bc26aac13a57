// The timing loop of the per-call sections: warm-up, an adaptive batch size, several samples of one
// batch each (per-call time = batch time / batch size), and the process CPU spent over the samples,
// including the background work (batching, export) that the calls caused.

/** How to sample one operation. */
export interface SamplerOptions {
  /** Wall time spent warming up (ms). */
  warmupMs: number;
  /** Number of samples. */
  samples: number;
  /** Wall time one sample should take (ms); the batch size is chosen for it. */
  targetSampleMs: number;
  /** Largest batch (spans per sample), so an export queue is drained between samples. */
  maxBatch: number;
  /** Awaited after the samples, before the CPU reading (e.g. a flush). */
  settle?: () => Promise<void>;
  /** Called after every batch, outside the timed region (e.g. to empty an in-memory sink). */
  afterBatch?: () => void;
}

/** What one sampled operation measured. */
export interface Sampled {
  /** Wall time of one call per sample (ns). */
  samplesNs: number[];
  /** Calls per sample. */
  batch: number;
  /** Calls made while sampling. */
  calls: number;
  /** Process CPU (user + system) per call over the samples and the settle step (ns). */
  cpuNsPerCall: number;
}

let blackhole: unknown;

/** Keeps results alive so the loop cannot be optimised away. */
export function consume(value: unknown): void {
  blackhole = value;
}

/** The last consumed value (read by nobody; exported so the write is observable). */
export function lastConsumed(): unknown {
  return blackhole;
}

const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function runBatch(op: () => unknown, batch: number): number {
  const start = process.hrtime.bigint();
  for (let i = 0; i < batch; i++) blackhole = op();
  return Number(process.hrtime.bigint() - start);
}

/** Samples `op` as {@link SamplerOptions} says. */
export async function sample(op: () => unknown, options: SamplerOptions): Promise<Sampled> {
  let batch = 1;
  let calls = 0;
  let spentNs = 0;
  const warmupEnd = Date.now() + options.warmupMs;
  do {
    spentNs += runBatch(op, batch);
    calls += batch;
    options.afterBatch?.();
    batch = Math.min(options.maxBatch, batch * 2);
    await yieldToLoop();
  } while (Date.now() < warmupEnd);
  const perCall = spentNs / Math.max(1, calls);
  batch = Math.max(1, Math.min(options.maxBatch, Math.round((options.targetSampleMs * 1e6) / Math.max(perCall, 1))));

  const samplesNs: number[] = [];
  const cpuStart = process.cpuUsage();
  for (let s = 0; s < options.samples; s++) {
    samplesNs.push(runBatch(op, batch) / batch);
    options.afterBatch?.();
    await yieldToLoop();
  }
  if (options.settle) await options.settle();
  const cpu = process.cpuUsage(cpuStart);
  const total = batch * options.samples;
  return { samplesNs, batch, calls: total, cpuNsPerCall: ((cpu.user + cpu.system) * 1000) / total };
}
