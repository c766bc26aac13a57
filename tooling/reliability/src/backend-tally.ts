import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';

/** What one tracer is expected to stamp and send with. */
export interface TracerIdentity {
  /** Label the workload puts on each span (`reliability.tracer`). */
  label: string;
  /** The API key the tracer sends. */
  apiKey: string;
  /** `honeyhive.project` of its spans. */
  project: string;
}

/** Counts of a {@link BackendTally}. */
export interface TallyCounts {
  /** Spans received, per tracer label. */
  received: Record<string, number>;
  /** Spans whose session, project, key or backend did not match the tracer that created them. */
  misattributed: number;
  /** Spans received more than once (by `reliability.seq`). */
  duplicates: number;
  /** Spans received without a usable `reliability.seq`. */
  unknown: number;
  /** The first few misattributions, described, for failure messages. */
  examples: string[];
}

/**
 * Counts the spans of a load run as they arrive, without keeping them: `drain()` takes everything a backend
 * holds and resets it in the same tick (so nothing is missed), which keeps the backend's memory flat. Each
 * span carries `reliability.seq` (its index in the run) and `reliability.tracer`; `expectedSession(seq)` says
 * which session it must be stamped with.
 */
export class BackendTally {
  private readonly seen: Uint8Array;
  readonly counts: TallyCounts = { received: {}, misattributed: 0, duplicates: 0, unknown: 0, examples: [] };

  /**
   * @param total spans the run creates (`reliability.seq` is in `[0, total)`).
   * @param expectedSession the session span `seq` belongs to.
   */
  constructor(
    total: number,
    private readonly expectedSession: (seq: number) => string,
  ) {
    this.seen = new Uint8Array(total);
  }

  /** Takes and forgets everything `backend` received; `tracers` are the ones that export to it, by label. */
  drain(backend: LocalBackend, tracers: Readonly<Record<string, TracerIdentity>>): void {
    const spans = backend.spans();
    const requests = backend.requests();
    void backend.reset(); // state is cleared synchronously; only the fault rules are cleared asynchronously
    const keyOfRequest = new Map(requests.map((request) => [request.id, request.apiKey]));
    for (const span of spans) this.check(span, keyOfRequest.get(span.requestId), tracers);
  }

  /** Sequence numbers never received. */
  missing(): number {
    let missing = 0;
    for (const count of this.seen) if (count === 0) missing++;
    return missing;
  }

  private check(span: ReceivedSpan, apiKey: string | undefined, tracers: Readonly<Record<string, TracerIdentity>>): void {
    const seq = span.attributes['reliability.seq'];
    const label = span.attributes['reliability.tracer'];
    if (typeof seq !== 'number' || seq < 0 || seq >= this.seen.length || typeof label !== 'string') {
      this.counts.unknown++;
      return;
    }
    if (this.seen[seq]! > 0) this.counts.duplicates++;
    this.seen[seq] = Math.min(255, this.seen[seq]! + 1);
    this.counts.received[label] = (this.counts.received[label] ?? 0) + 1;
    const tracer = tracers[label];
    const session = span.attributes['honeyhive.session_id'];
    const problems: string[] = [];
    if (tracer === undefined) problems.push(`arrived at a backend tracer ${label} does not export to`);
    else {
      if (apiKey !== tracer.apiKey) problems.push('sent with another tracer\'s key');
      if (span.attributes['honeyhive.project'] !== tracer.project) problems.push(`project ${String(span.attributes['honeyhive.project'])}`);
    }
    if (session !== this.expectedSession(seq)) problems.push(`session ${String(session)} instead of ${this.expectedSession(seq)}`);
    if (problems.length > 0) {
      this.counts.misattributed++;
      if (this.counts.examples.length < 5) this.counts.examples.push(`seq ${seq} (${label}): ${problems.join('; ')}`);
    }
  }
}
