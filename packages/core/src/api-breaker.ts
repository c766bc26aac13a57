/** Where a tracer's session and event calls stand (`tracer.stats().api`). */
export interface ApiStatus {
  /** `ok`: calls are sent. `paused`: the API key was rejected; calls are skipped, one probe at a time. */
  state: 'ok' | 'paused';
  /** Why calls are paused. */
  reason?: 'unauthorized';
  /** When paused: how long until the next call is let through as a probe (ms; 0 when one may go now or is under way). */
  nextProbeInMs?: number;
}

/** Timing of an {@link AuthBreaker}. */
export interface AuthBreakerOptions {
  /** Wait before the first probe after the key was rejected (ms). Default 30000. */
  firstProbeAfterMs?: number;
  /** The wait doubles after each rejected probe, up to this (ms). Default 600000 (10 min). */
  maxProbeAfterMs?: number;
  /** Clock (ms); for tests. Default `Date.now`. */
  now?: () => number;
}

/** What a call's answer means for the breaker. */
export type BreakerOutcome = 'ok' | 'unauthorized' | 'other';

/** How an outcome changed the breaker: it just `opened` (closed → paused), `closed` (a call was accepted again), or nothing. */
export type BreakerChange = 'opened' | 'closed' | undefined;

const DEFAULT_FIRST_PROBE_MS = 30_000;
const DEFAULT_MAX_PROBE_MS = 600_000;

function positive(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;
}

/**
 * Stops session and event calls once the backend rejects the API key (401/403): a wrong key is not fixed by
 * retrying, and each call would only add a failed request and a log line. While open, calls are skipped,
 * except one probe after `firstProbeAfterMs`, then after twice that, and so on up to `maxProbeAfterMs`; any
 * accepted call closes it again.
 */
export class AuthBreaker {
  private open = false;
  private probeAfterMs: number;
  private nextProbeAt = 0;
  private probing = false;
  private readonly firstProbeAfterMs: number;
  private readonly maxProbeAfterMs: number;
  private readonly now: () => number;

  constructor(options: AuthBreakerOptions = {}) {
    this.firstProbeAfterMs = positive(options.firstProbeAfterMs, DEFAULT_FIRST_PROBE_MS);
    this.maxProbeAfterMs = Math.max(this.firstProbeAfterMs, positive(options.maxProbeAfterMs, DEFAULT_MAX_PROBE_MS));
    this.probeAfterMs = this.firstProbeAfterMs;
    this.now = typeof options.now === 'function' ? options.now : Date.now;
  }

  /** Whether a call may be sent now, and whether it is the probe of an open breaker. */
  admit(): { send: boolean; probe: boolean } {
    if (!this.open) return { send: true, probe: false };
    if (this.probing || this.now() < this.nextProbeAt) return { send: false, probe: false };
    this.probing = true;
    return { send: true, probe: true };
  }

  /** Records the answer to a call that was sent (`probe`: the one {@link admit} let through while open). */
  record(outcome: BreakerOutcome, probe: boolean): BreakerChange {
    if (probe) this.probing = false;
    if (outcome === 'ok') {
      if (!this.open) return undefined;
      this.open = false;
      this.probeAfterMs = this.firstProbeAfterMs;
      return 'closed';
    }
    if (outcome === 'unauthorized' && !this.open) {
      this.open = true;
      this.probeAfterMs = this.firstProbeAfterMs;
      this.nextProbeAt = this.now() + this.probeAfterMs;
      return 'opened';
    }
    if (probe) {
      // a probe that failed: wait longer before the next one (only a rejected key lengthens the wait)
      if (outcome === 'unauthorized') this.probeAfterMs = Math.min(this.maxProbeAfterMs, this.probeAfterMs * 2);
      this.nextProbeAt = this.now() + this.probeAfterMs;
    }
    return undefined;
  }

  /** The wait before the first probe (ms), for messages. */
  get firstProbeAfter(): number {
    return this.firstProbeAfterMs;
  }

  /** Where calls stand. */
  status(): ApiStatus {
    if (!this.open) return { state: 'ok' };
    return { state: 'paused', reason: 'unauthorized', nextProbeInMs: this.probing ? 0 : Math.max(0, this.nextProbeAt - this.now()) };
  }
}
