import type { LifecycleState } from '@honeyhive/lifecycle';
import type { ProcessorStats } from '@honeyhive/processing';
import type { TracerMode } from './config/resolve-tracer-config';

/** Outcomes of one kind of API call. */
export interface CallCounts {
  /** Accepted by the backend (or handled locally in test mode / when disabled). */
  ok: number;
  /** Sent and failed (after retries). */
  failed: number;
  /** Not sent: the tracer is degraded or shut down. */
  skipped: number;
}

/**
 * A tracer's numbers: every span is exported, failed, dropped (by reason) or still queued, and the API calls
 * are counted too. Invariant: `ended = exported + failed + sum(dropped) + queued + inFlight`; spans ignored
 * after shutdown are counted apart, in `droppedAfterShutdown`.
 */
export interface TracerStats extends ProcessorStats {
  /** Spans this tracer's provider ignored because they started or ended after `shutdown()`. */
  droppedAfterShutdown: number;
  /** Session-start requests. */
  sessionStarts: CallCounts;
  /** Event updates (`enrichSession`, …). */
  eventUpdates: CallCounts;
  /** Events created (`createEvent`). */
  eventCreates: CallCounts;
  /** Where the tracer is in its life. */
  lifecycle: LifecycleState;
  /** `active`, `degraded` (exports nothing; see the configuration messages) or `disabled`. */
  mode: TracerMode;
  /** How many configuration problems were found (each was logged once). */
  configProblems: number;
  /** Internal failures reported per operation (export, session.start, …). */
  errors: Record<string, number>;
}
