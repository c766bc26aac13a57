import type { LifecycleState } from '@honeyhive/lifecycle';
import type { ProcessorStats } from '@honeyhive/processing';
import type { ApiStatus } from './api-breaker';
import type { BaggageDropStats } from './baggage-drop-counts';
import type { CallCounts } from './call-counts';
import type { TracerMode } from './config/resolve-tracer-config';
import type { TracerOperation } from './tracer-operation';

export type { CallCounts };

/**
 * A tracer's numbers: every span is exported, failed, dropped (by reason) or still queued, and the API calls
 * are counted too. Invariant: `ended = exported + failed + sum(dropped) + queued + inFlight`; spans ignored
 * after shutdown are counted apart, in `droppedAfterShutdown`.
 */
export interface TracerStats extends ProcessorStats {
  /** Spans this tracer's provider ignored because they started or ended after `shutdown()`. */
  droppedAfterShutdown: number;
  /**
   * Spans the sampler (`sampleRate` or `sampler`) decided not to record: they never start, so they are outside the
   * invariant, like `droppedAfterShutdown`.
   */
  sampledOut: number;
  /** Session-start requests. */
  sessionStarts: CallCounts;
  /** Event updates (`enrichSession`, …). */
  eventUpdates: CallCounts;
  /** Events created (`createEvent`). */
  eventCreates: CallCounts;
  /** Whether session and event calls are sent, or paused because the backend rejected the API key (`unauthorized`). */
  api: ApiStatus;
  /** Where the tracer is in its life. */
  lifecycle: LifecycleState;
  /** `active`, `degraded` (exports nothing; see the configuration messages) or `disabled`. */
  mode: TracerMode;
  /** How many configuration problems were found (each was logged once). */
  configProblems: number;
  /** Baggage list members left out by `extract()` and `inject()` (W3C Baggage grammar and limits), by reason. */
  baggageDropped: BaggageDropStats;
  /** Internal failures reported per operation (export, session.start, …). */
  errors: Partial<Record<TracerOperation, number>>;
}
