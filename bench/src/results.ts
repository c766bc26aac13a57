// The shape of bench/results/latest.json. Per-round arrays are indexed by round (NaN, written as null, where a
// round failed), so two contenders' arrays pair up round by round.
import type { ContenderName, Protocol, ProtocolMode } from './contenders/types';
import type { AppName } from './fresh/apps';
import type { Bound, Interval, Summary, Verdict } from './stats';

/** Per-call cost of one contender (sections 1–3). */
export interface PerCallRow {
  contender: ContenderName;
  /** Wall time per call, pooled samples of every round (ns). */
  nsPerCall: Summary;
  /** Median per-call wall time of each round (ns). */
  roundNs: number[];
  /** Process CPU per call of each round, incl. background batching/export work (ns). */
  roundCpuNs: number[];
  /** Wall and CPU time ÷ raw OTel's, paired by round (absent for raw itself and when raw did not run). */
  vsRaw?: Interval;
  cpuVsRaw?: Interval;
  /** Calls made and spans that reached the sink (last round). */
  called: number;
  exported: number;
  dropped?: number;
  attributesPerSpan?: number;
  /** Attribute keys of the last exported span (sorted). */
  attributeKeys?: string[];
}

/** Set-up time of one contender (section 4). */
export interface SetupRow {
  contender: ContenderName;
  loadMs: Summary;
  firstSetupMs: Summary;
  /** First set-up of each round (ms). */
  roundFirstSetupMs: number[];
  /** First set-up ÷ raw OTel's (provider + exporter), paired by round. */
  firstSetupVsRaw?: Interval;
  additionalSetupMs: Summary;
  /** (memory after the last additional tracer − after the first) / additional, one value per round (bytes). */
  roundPerAdditionalHeapBytes: number[];
  roundPerAdditionalRssBytes: number[];
  perAdditionalHeapBytes: Summary;
  perAdditionalRssBytes: Summary;
  additional: number;
}

/** Memory of one app at each stage, in fresh processes (section 5), per round (bytes). */
export interface FreshRow {
  app: AppName;
  stages: Array<{ stage: string; rss: number[]; heapUsed: number[] }>;
  /** Spans the backend received from each round's run. */
  received: number[];
}

/** Cold start of one app (section 6): spawn until the backend held its span, per round (ms). */
export interface ColdStartRow {
  app: AppName;
  roundFirstSpanMs: number[];
  firstSpanMs: Summary;
  /** Spawn until the process exited by itself (ms), where it did. */
  exitMs: Summary;
  vsRaw?: Interval;
}

/** The minified bundle of one app (section 7). */
export interface BundleRow {
  app: AppName;
  /** Packages added to the app's fresh install for this line (an opt-in such as `@grpc/grpc-js`); empty for the default install. */
  optIn: string[];
  /** Packages the bundled code requires that the install does not hold: left as run-time `require()` calls. */
  notInstalled: string[];
  bytes: number;
  gzipBytes: number;
  /** The largest packages in the bundle (bytes of output). */
  topPackages: Array<{ name: string; bytes: number }>;
  /** Whether the bundle ran and its span reached the backend, and how long that took from spawn (ms, one run). */
  runs: boolean;
  firstSpanMs?: number;
  error?: string;
}

/** The specification protocol for one contender and mode (section 8). */
export interface ProtocolRow {
  contender: ContenderName;
  mode: ProtocolMode;
  /** CPU time / wall time of each round's window. */
  roundCpuShare: number[];
  /** CPU time per span made, of each round's window (ns). */
  roundCpuNsPerSpan: number[];
  cpuShare: Summary;
  achievedPerSec: Summary;
  rssBytes: Summary;
  /**
   * ÷ raw OTel, paired by round, on the CPU per span: the CPU share at the same rate (after a stall of the shared
   * machine, a producer falls behind the target rate by different amounts).
   */
  vsRaw?: Interval;
  /** Spans made and received by the backend, per round; and the contender's own drop count (last round). */
  made: number[];
  received: number[];
  dropped?: number;
}

/** Export throughput of one contender in one encoding (section 9). */
export interface ThroughputRow {
  contender: ContenderName;
  protocol: Protocol;
  roundSpansPerSec: number[];
  spansPerSec: Summary;
  cpuUsPerSpan: Summary;
  vsRaw?: Interval;
  /** Spans the backend counted per round, against `expected`. */
  received: number[];
  expected: number;
}

/** One point of a growth curve (section 10). */
export interface ScalingRow {
  contender: ContenderName;
  /** Input bytes (payload) or nesting depth. */
  x: number;
  nsPerCall: Summary;
  /** nsPerCall / spans per call (depth curve), else the same as nsPerCall. */
  nsPerSpan: number;
}

/** The cost of capturing one input through one path (section 11, ours only). */
export interface CaptureRow {
  /** The input (see `sections/capture-cost.ts`). */
  case: string;
  /** How it was captured: as an argument of a traced call, or as enrichment metadata. */
  path: string;
  /** Wall time of the whole traced call, pooled over rounds (ns). */
  nsPerCall: Summary;
  attributes?: number;
}

/** A target from the issue, decided by the 95 % interval of this run's figure. */
export interface TargetRow {
  id: string;
  label: string;
  unit: string;
  /** The figure with its interval (n = paired rounds). */
  interval: Interval;
  bound: Bound;
  verdict: Verdict;
}

/** Everything one run measured. */
export interface BenchResults {
  schema: 2;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  method: Record<string, string>;
  contenders: Partial<Record<ContenderName, string>>;
  apps: Partial<Record<AppName, string>>;
  sections: {
    span?: PerCallRow[];
    decorated?: PerCallRow[];
    small?: PerCallRow[];
    setup?: SetupRow[];
    fresh?: FreshRow[];
    coldstart?: ColdStartRow[];
    bundle?: BundleRow[];
    protocol?: ProtocolRow[];
    throughput?: ThroughputRow[];
    scaling?: { payload: ScalingRow[]; depth: ScalingRow[] };
    capture?: CaptureRow[];
  };
  targets: TargetRow[];
  claims: TargetRow[];
  /** Non-loopback connection attempts seen in the children, by contender or app (expected: none). */
  outbound: Record<string, string[]>;
  failures: string[];
}
