// The shape of bench/results/latest.json.
import type { ContenderName, Protocol } from './contenders/types';
import type { Summary } from './stats';

/** Per-call cost of one contender (sections 1 and 2). */
export interface PerCallRow {
  contender: ContenderName;
  /** Wall time per call, pooled samples of every round (ns). */
  nsPerCall: Summary;
  /** Median of each round's samples (ns). */
  roundMedians: number[];
  /** Process CPU per call, incl. background batching/export work (median of rounds, ns). */
  cpuNsPerCall: number;
  /** Calls made and spans that reached the sink (last round). */
  called: number;
  exported: number;
  dropped?: number;
  attributesPerSpan?: number;
}

/** Set-up time and memory of one contender (section 3). All byte values are deltas after gc(). */
export interface SetupRow {
  contender: ContenderName;
  loadMs: Summary;
  loadHeapBytes: Summary;
  loadRssBytes: Summary;
  firstSetupMs: Summary;
  firstHeapBytes: Summary;
  firstRssBytes: Summary;
  additionalSetupMs: Summary;
  /** (memory after the last additional tracer − after the first) / additional, one value per round. */
  perAdditionalHeapBytes: Summary;
  perAdditionalRssBytes: Summary;
  additional: number;
}

/** Export throughput of one contender in one encoding (section 4). */
export interface ThroughputRow {
  contender: ContenderName;
  protocol: Protocol;
  spansPerSec: Summary;
  cpuUsPerSpan: Summary;
  /** Spans the backend counted per round, against `expected`. */
  received: number[];
  expected: number;
}

/** One point of a growth curve (section 5). */
export interface ScalingRow {
  contender: ContenderName;
  /** Input bytes (payload) or nesting depth. */
  x: number;
  nsPerCall: Summary;
  /** nsPerCall / spans per call (depth curve), else the same as nsPerCall. */
  nsPerSpan: number;
}

/** The cost of capturing one input through one path (section 6, ours only). */
export interface CaptureRow {
  /** The input (see `sections/capture-cost.ts`). */
  case: string;
  /** How it was captured: as an argument of a traced call, or as enrichment metadata. */
  path: string;
  /** Wall time of the whole traced call, pooled over rounds (ns). */
  nsPerCall: Summary;
  attributes?: number;
}

/** A target from the issue, checked on ratios of this run. */
export interface TargetRow {
  id: string;
  label: string;
  value: number;
  unit: string;
  threshold: string;
  /** null when not measured in this run. */
  pass: boolean | null;
}

/** Everything one run measured. */
export interface BenchResults {
  schema: 1;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  machine: Record<string, string | number>;
  versions: Record<string, string>;
  method: Record<string, string>;
  contenders: Partial<Record<ContenderName, string>>;
  sections: {
    span?: PerCallRow[];
    decorated?: PerCallRow[];
    setup?: SetupRow[];
    throughput?: ThroughputRow[];
    scaling?: { payload: ScalingRow[]; depth: ScalingRow[] };
    capture?: CaptureRow[];
  };
  targets: TargetRow[];
  claims: TargetRow[];
  /** Non-loopback connection attempts seen in the children, by contender (expected: none). */
  outbound: Partial<Record<ContenderName, string[]>>;
  failures: string[];
}
