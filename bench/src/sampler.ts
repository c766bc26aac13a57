// The timing loop of the per-call sections: warm-up, then an adaptive batch size (per-call time = batch
// time / batch size) repeated for a fixed wall time per round, and the process CPU spent over the round,
// including the background work (batching, export) that the calls caused.

/** How to sample one operation. */
export interface SamplerOptions {
  /** Wall time spent warming up (ms). */
  warmupMs: number;
  /** Wall time of this round (ms): batches are timed until it is over (at most MAX_SAMPLES of them). */
  roundMs: number;
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
  /** Wall time spent in timed batches (ms). */
  timedMs: number;
  /** Process CPU (user + system) per call over the samples and the settle step (ns). */
  cpuNsPerCall: number;
}

/** At most this many batches per round (a do-nothing call fills its batches in microseconds). */
const MAX_SAMPLES = 20_000;

// Each batch's last result is stored here, so the measured loop cannot be optimised away.
let blackhole: unknown;

/**
 * The last stored result (read by nobody; exported so the write is observable).
 * @public
 */
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
  const roundEnd = process.hrtime.bigint() + BigInt(Math.round(options.roundMs * 1e6));
  let timedNs = 0;
  do {
    const ns = runBatch(op, batch);
    timedNs += ns;
    samplesNs.push(ns / batch);
    options.afterBatch?.();
    await yieldToLoop();
  } while (process.hrtime.bigint() < roundEnd && samplesNs.length < MAX_SAMPLES);
  if (options.settle) await options.settle();
  const cpu = process.cpuUsage(cpuStart);
  const total = batch * samplesNs.length;
  return { samplesNs, batch, calls: total, timedMs: timedNs / 1e6, cpuNsPerCall: ((cpu.user + cpu.system) * 1000) / total };
}
