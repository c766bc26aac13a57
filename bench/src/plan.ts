// How much of each section runs: the full plan (2–5 minutes on 2 cores) and the quick one (smoke test).
import type { BatchSettings, ContenderName, Protocol } from './contenders/types';
import type { SamplingPlan } from './jobs';
import { CAPTURE_CASES } from './sections/capture-cases';

/** Iterations and contenders of every section. */
export interface Plan {
  rounds: { span: number; decorated: number; setup: number; throughput: number; scaling: number; capture: number };
  spanContenders: ContenderName[];
  decoratedContenders: ContenderName[];
  setupContenders: ContenderName[];
  throughputContenders: ContenderName[];
  scalingContenders: ContenderName[];
  protocols: Protocol[];
  perCall: SamplingPlan;
  scalingSampling: SamplingPlan;
  additionalTracers: number;
  throughputSpans: number;
  throughputWarmup: number;
  payloadSizes: number[];
  depths: number[];
  /** Section 6: the inputs (by name, see `sections/capture-cost.ts`) and how often each is captured per round. */
  captureCases: string[];
  captureRepeats: number;
}

const KB = 1024;

/** The batch settings both sides of the throughput comparison get. */
export function throughputBatch(): BatchSettings {
  return {
    maxQueueSize: 4096,
    maxExportBatchSize: 512,
    scheduledDelayMillis: 50,
    exportTimeoutMillis: 30_000,
  };
}

/** The full plan. */
export const FULL_PLAN: Plan = {
  rounds: { span: 3, decorated: 3, setup: 3, throughput: 3, scaling: 2, capture: 1 },
  spanContenders: ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse'],
  decoratedContenders: ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse', 'bare'],
  setupContenders: ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse'],
  throughputContenders: ['ours', 'raw-otel'],
  scalingContenders: ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse'],
  protocols: ['http/protobuf', 'http/json', 'grpc'],
  perCall: { warmupMs: 1000, samples: 40, targetSampleMs: 8, maxBatch: 400 },
  scalingSampling: { warmupMs: 400, samples: 15, targetSampleMs: 8, maxBatch: 400 },
  additionalTracers: 50,
  throughputSpans: 15_000,
  throughputWarmup: 1_000,
  payloadSizes: [1 * KB, 10 * KB, 100 * KB, 1024 * KB],
  depths: [1, 5, 20, 50],
  captureCases: CAPTURE_CASES.map((c) => c.name),
  captureRepeats: 7,
};

/** The quick plan: one contender per section, few iterations. */
export const QUICK_PLAN: Plan = {
  rounds: { span: 1, decorated: 1, setup: 1, throughput: 1, scaling: 1, capture: 1 },
  spanContenders: ['ours'],
  decoratedContenders: ['ours'],
  setupContenders: ['ours'],
  throughputContenders: ['ours'],
  scalingContenders: ['ours'],
  protocols: ['http/protobuf'],
  perCall: { warmupMs: 50, samples: 5, targetSampleMs: 1, maxBatch: 50 },
  scalingSampling: { warmupMs: 20, samples: 3, targetSampleMs: 1, maxBatch: 20 },
  additionalTracers: 2,
  throughputSpans: 300,
  throughputWarmup: 50,
  payloadSizes: [1 * KB],
  depths: [5],
  captureCases: CAPTURE_CASES.slice(0, 3).map((c) => c.name),
  captureRepeats: 2,
};
