// What the orchestrator asks a benchmark child to do, and what the child answers.
import type { BackendUrls, BatchSettings, ContenderName, Protocol, ProtocolMode, SinkCounts } from './contenders/types';
import type { Sampled, SamplerOptions } from './sampler';

/** Sampling settings sent to a child (the hooks are added there). */
export type SamplingPlan = Omit<SamplerOptions, 'settle' | 'afterBatch'>;

/** One measurement, run in a fresh child process. */
export type Job =
  | { section: 'span'; contender: ContenderName; sampling: SamplingPlan }
  | { section: 'decorated'; contender: ContenderName; sampling: SamplingPlan }
  | { section: 'small'; contender: ContenderName; sampling: SamplingPlan }
  | { section: 'protocol'; contender: ContenderName; mode: ProtocolMode; spansPerSec: number; seconds: number; warmupSeconds: number }
  | { section: 'setup'; contender: ContenderName; additional: number }
  | { section: 'throughput'; contender: ContenderName; protocol: Protocol; spans: number; warmupSpans: number; batch: BatchSettings }
  | { section: 'scaling'; contender: ContenderName; sizes: number[]; depths: number[]; sampling: SamplingPlan }
  | { section: 'capture'; contender: 'ours'; cases: string[]; repeats: number };

/** What the orchestrator sends a child. */
export interface WorkerInput {
  job: Job;
  backend: BackendUrls;
}

/** A per-call measurement with the sink's counts. */
export interface CallResult extends Sampled {
  /** Calls made in total (warm-up included). */
  called: number;
  counts: SinkCounts;
}

/** Memory reading (bytes). */
export interface MemoryReading {
  heapUsed: number;
  rss: number;
}

/** Answer of a `setup` job. */
export interface SetupResult {
  loadMs: number;
  /** Module loading: memory after minus before. */
  loadDelta: MemoryReading;
  /** Set-up time of the first tracer (ns). */
  firstSetupNs: number;
  firstDelta: MemoryReading;
  /** Set-up time of each additional tracer (ns). */
  additionalSetupNs: number[];
  /** Memory delta of each additional tracer (after gc). */
  additionalDeltas: MemoryReading[];
  /** (memory after the last tracer − memory after the first) / additional. */
  perAdditionalAverage: MemoryReading;
}

/** Answer of a `throughput` job. */
export interface ThroughputResult {
  spans: number;
  warmupSpans: number;
  elapsedMs: number;
  spansPerSec: number;
  cpuNsPerSpan: number;
  counts: SinkCounts;
}

/** Answer of a `protocol` job (the OpenTelemetry performance-benchmark protocol). */
export interface ProtocolResult {
  /** Spans made in the measured window, and the wall time of that window (ms). */
  spans: number;
  wallMs: number;
  /** Process CPU (user + system) over the window (ms). */
  cpuMs: number;
  /** cpuMs / wallMs: the share of one core. */
  cpuShare: number;
  /** Spans per second actually made in the window (below the target after stalls: the producer does not burst). */
  achievedPerSec: number;
  /** Every span made (warm-up included), for the receiver's count. */
  made: number;
  counts: SinkCounts;
  /** RSS at the end of the window (bytes). */
  rss: number;
}

/** Answer of a `scaling` job. */
export interface ScalingResult {
  payload: Array<{ bytes: number; result: CallResult }>;
  depth: Array<{ depth: number; result: CallResult }>;
}

/** One input captured through one path (section 6). */
export interface CaptureCaseResult {
  name: string;
  path: string;
  /** Wall time of each traced call (ns). */
  samplesNs: number[];
  /** Attributes on the last exported span. */
  attributes?: number;
}

/** Answer of a `capture` job. */
export interface CaptureResult {
  cases: CaptureCaseResult[];
}

/** Any job's answer. */
export type JobResult = CallResult | SetupResult | ThroughputResult | ProtocolResult | ScalingResult | CaptureResult;

/** What a child sends back. */
export type WorkerOutput =
  | { ok: true; result: JobResult; outbound: string[] }
  | { ok: false; error: string; outbound: string[] };
