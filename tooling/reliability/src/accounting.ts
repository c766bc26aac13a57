import type { DroppedCounts, TracerStats } from '@honeyhive/tracer';
import type { ReceivedSpan } from '@honeyhive/local-backend';

/** Where every span of one tracer ended up: the numbers the suite checks and reports. */
export interface SpanAccount {
  /** Spans the test created (counted by the test itself, not by the tracer). */
  created: number;
  /** Spans the tracer saw end (`stats().ended`). */
  ended: number;
  /** Distinct spans of this tracer the backend stored. */
  delivered: number;
  /** Spans the backend stored more than once (at-least-once delivery shows up here). */
  duplicates: number;
  /**
   * Spans the backend answered 200 for but could not have stored (the `garbage` fault answers 200 with an
   * undecodable body and keeps nothing): the client rightly counts them exported; the test knows how many.
   */
  acknowledgedNotStored: number;
  /** Spans the tracer acknowledged as exported. */
  exported: number;
  /** Spans not exported, by reason (the tracer's counters plus `after_shutdown`). */
  dropped: DroppedCounts & { after_shutdown: number } & Record<string, number>;
  /** Spans whose export failed after retries. */
  failed: number;
  /** Spans still queued or in flight (0 after a flush). */
  pending: number;
}

/** Sum of the dropped counters. */
export function droppedTotal(dropped: SpanAccount['dropped']): number {
  return Object.values(dropped).reduce((sum, n) => sum + n, 0);
}

/**
 * Builds the account of one tracer from its stats and the backend's spans (those carrying `sessionIds`).
 * `acknowledgedNotStored` is the number of spans the test sent into `garbage` answers, if any.
 */
export function accountSpans(input: {
  created: number;
  stats: TracerStats;
  received: readonly ReceivedSpan[];
  sessionIds: ReadonlySet<string>;
  acknowledgedNotStored?: number;
}): SpanAccount {
  const seen = new Set<string>();
  let duplicates = 0;
  for (const span of input.received) {
    const session = span.attributes['honeyhive.session_id'];
    if (typeof session !== 'string' || !input.sessionIds.has(session)) continue;
    const id = `${span.traceId}:${span.spanId}`;
    if (seen.has(id)) duplicates++;
    else seen.add(id);
  }
  const { stats } = input;
  return {
    created: input.created,
    ended: stats.ended,
    delivered: seen.size,
    duplicates,
    acknowledgedNotStored: input.acknowledgedNotStored ?? 0,
    exported: stats.exported,
    dropped: { ...stats.dropped, after_shutdown: stats.droppedAfterShutdown },
    failed: stats.failed,
    pending: stats.queued + stats.inFlight,
  };
}

/**
 * The identities a correct tracer satisfies once flushed, as `[name, left, right]` triples for readable
 * assertions: created = delivered + acknowledged-not-stored + dropped + failed (+ pending, 0 after flush);
 * the tracer's own view (ended = exported + dropped + failed + pending) matches what the test created; and
 * what the tracer calls exported is exactly what the backend holds (plus what it acknowledged and dropped).
 */
export function accountIdentities(account: SpanAccount): Array<[string, number, number]> {
  const dropped = droppedTotal(account.dropped);
  return [
    ['created = delivered + ackedNotStored + dropped + failed + pending', account.created, account.delivered + account.acknowledgedNotStored + dropped + account.failed + account.pending],
    ['tracer ended = created', account.ended, account.created],
    ['exported = delivered + ackedNotStored', account.exported, account.delivered + account.acknowledgedNotStored],
  ];
}
