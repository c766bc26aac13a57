// How much of each section runs: the full plan (12–15 minutes on 2 cores) and the quick one (smoke test).
import type { BatchSettings, ContenderName, Protocol, ProtocolMode } from './contenders/types';
import type { AppName } from './fresh/apps';
import type { SamplingPlan } from './jobs';
import { CAPTURE_CASES } from './sections/capture-cases';

/** One contender of the specification protocol, and how it makes its spans. */
export interface ProtocolRun {
  contender: ContenderName;
  mode: ProtocolMode;
}

/** One bundle of section 7: a tiny app, bundled from a fresh install of its packages plus `optIn` (if any). */
export interface BundleSpec {
  app: AppName;
  /** Packages the user adds to the install to opt into a feature (e.g. `@grpc/grpc-js` for gRPC export). */
  optIn?: string[];
  /** Environment of the bundle's run that turns the feature on (the app reads it, e.g. `BENCH_OTLP_PROTOCOL`). */
  env?: Record<string, string>;
}

/** Iterations and contenders of every section. */
export interface Plan {
  rounds: {
    span: number;
    decorated: number;
    small: number;
    setup: number;
    fresh: number;
    coldstart: number;
    protocol: number;
    throughput: number;
    scaling: number;
    capture: number;
  };
  spanContenders: ContenderName[];
  decoratedContenders: ContenderName[];
  smallContenders: ContenderName[];
  setupContenders: ContenderName[];
  /** Fresh-process memory: the apps (the empty baseline is always run too). */
  freshApps: AppName[];
  coldstartApps: AppName[];
  /** Section 7: each tiny app bundled from a fresh install of it, optionally with packages the user opts into. */
  bundles: BundleSpec[];
  protocolRuns: ProtocolRun[];
  /** The specification protocol: rate, measured window and warm-up. */
  protocol: { spansPerSec: number; seconds: number; warmupSeconds: number };
  throughputContenders: ContenderName[];
  scalingContenders: ContenderName[];
  protocols: Protocol[];
  /** Sampling of sections 1–3: warm-up, then `roundMs` of timed calls per contender per round. */
  perCall: SamplingPlan;
  scalingSampling: SamplingPlan;
  additionalTracers: number;
  throughputSpans: number;
  throughputWarmup: number;
  payloadSizes: number[];
  depths: number[];
  /** Section 11: the inputs (by name, see `sections/capture-cost.ts`) and how often each is captured per round. */
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

/** Ours with the optional `@grpc/grpc-js` installed, exporting over gRPC (`otlpProtocol: 'grpc'`). */
const OURS_GRPC_BUNDLE: BundleSpec = { app: 'ours', optIn: ['@grpc/grpc-js'], env: { BENCH_OTLP_PROTOCOL: 'grpc' } };

const PEERS: ContenderName[] = ['ours', 'raw-otel', 'honeyhive-1x', 'langfuse'];

/** The full plan. */
export const FULL_PLAN: Plan = {
  rounds: { span: 5, decorated: 5, small: 5, setup: 5, fresh: 5, coldstart: 10, protocol: 3, throughput: 3, scaling: 2, capture: 1 },
  spanContenders: PEERS,
  decoratedContenders: [...PEERS, 'bare'],
  smallContenders: [...PEERS, 'bare'],
  setupContenders: PEERS,
  freshApps: ['raw-otel', 'ours', 'honeyhive-1x', 'langfuse'],
  coldstartApps: ['raw-otel', 'ours', 'honeyhive-1x', 'langfuse'],
  bundles: [{ app: 'raw-otel' }, { app: 'ours' }, OURS_GRPC_BUNDLE, { app: 'langfuse' }],
  protocolRuns: [
    { contender: 'raw-otel', mode: 'span' },
    { contender: 'ours', mode: 'span' },
    { contender: 'ours', mode: 'trace' },
  ],
  protocol: { spansPerSec: 10_000, seconds: 10, warmupSeconds: 1 },
  throughputContenders: ['ours', 'raw-otel'],
  scalingContenders: PEERS,
  protocols: ['http/protobuf', 'http/json', 'grpc'],
  perCall: { warmupMs: 1000, roundMs: 2000, targetSampleMs: 10, maxBatch: 400 },
  scalingSampling: { warmupMs: 400, roundMs: 150, targetSampleMs: 8, maxBatch: 400 },
  additionalTracers: 50,
  throughputSpans: 15_000,
  throughputWarmup: 1_000,
  payloadSizes: [1 * KB, 10 * KB, 100 * KB, 1024 * KB],
  depths: [1, 5, 20, 50],
  captureCases: CAPTURE_CASES.map((c) => c.name),
  captureRepeats: 7,
};

/** The quick plan: one contender per section, few iterations (each section runs and is well-formed; no decision). */
export const QUICK_PLAN: Plan = {
  rounds: { span: 1, decorated: 1, small: 1, setup: 1, fresh: 1, coldstart: 1, protocol: 1, throughput: 1, scaling: 1, capture: 1 },
  spanContenders: ['ours'],
  decoratedContenders: ['ours'],
  smallContenders: ['ours'],
  setupContenders: ['ours'],
  freshApps: ['ours'],
  coldstartApps: ['ours'],
  bundles: [{ app: 'ours' }, OURS_GRPC_BUNDLE],
  protocolRuns: [{ contender: 'ours', mode: 'trace' }],
  protocol: { spansPerSec: 1000, seconds: 0.5, warmupSeconds: 0.1 },
  throughputContenders: ['ours'],
  scalingContenders: ['ours'],
  protocols: ['http/protobuf'],
  perCall: { warmupMs: 50, roundMs: 20, targetSampleMs: 1, maxBatch: 50 },
  scalingSampling: { warmupMs: 20, roundMs: 3, targetSampleMs: 1, maxBatch: 20 },
  additionalTracers: 2,
  throughputSpans: 300,
  throughputWarmup: 50,
  payloadSizes: [1 * KB],
  depths: [5],
  captureCases: CAPTURE_CASES.slice(0, 3).map((c) => c.name),
  captureRepeats: 2,
};

/** Overrides from the command line. */
export interface PlanOverrides {
  rounds?: number;
  roundSeconds?: number;
  protocolSeconds?: number;
  protocolRate?: number;
}

/** `plan` with the command line's overrides: `rounds` for every paired section (twice as many cold starts). */
export function withOverrides(plan: Plan, overrides: PlanOverrides): Plan {
  const n = overrides.rounds;
  return {
    ...plan,
    rounds:
      n === undefined
        ? plan.rounds
        : { ...plan.rounds, span: n, decorated: n, small: n, setup: n, fresh: n, coldstart: 2 * n, protocol: n, throughput: n },
    perCall: overrides.roundSeconds === undefined ? plan.perCall : { ...plan.perCall, roundMs: overrides.roundSeconds * 1000 },
    protocol: {
      ...plan.protocol,
      ...(overrides.protocolSeconds !== undefined ? { seconds: overrides.protocolSeconds } : {}),
      ...(overrides.protocolRate !== undefined ? { spansPerSec: overrides.protocolRate } : {}),
    },
  };
}
