// Public API of @honeyhive/reliability (private tooling): the helpers the reliability suite is built from.
export { accountSpans, accountIdentities, droppedTotal } from './accounting';
export type { SpanAccount } from './accounting';
export { BackendTally } from './backend-tally';
export type { TallyCounts, TracerIdentity } from './backend-tally';
export { collectGarbage, settledHeapUsed, toMiB } from './heap';
export { HOSTILE_VALUES } from './hostile-values';
export { WATCHED_VALUES, Watch } from './watched-values';
export { CapturingLogger } from './log-capture';
export type { CapturedLine } from './log-capture';
export { ResultRecorder, combineResults, renderMarkdown, RESULTS_DIR } from './results';
export type { FigureRow, ResultPart } from './results';
export { PeakSampler } from './sampler';
export { StrayErrorCollector } from './stray-errors';
export { API_KEY_MARKER, secretApiKey, reliabilityTracerOptions, createReliabilityTracer } from './tracer-factory';
export { emptyWorkloadReport, runTracedWorkload } from './traced-workload';
export type { WorkloadReport } from './traced-workload';
