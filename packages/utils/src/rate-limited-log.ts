import type { Logger } from './logger';

/** Severity of a rate-limited diagnostic. */
export type LogLevel = 'debug' | 'warn';

interface KeyState {
  lastAdmittedAt: number;
  suppressed: number;
}

/** Keys tracked at most; the least recently admitted are forgotten (keys may carry unique messages). */
const MAX_TRACKED_KEYS = 500;

/**
 * Admits one occurrence per key per `intervalMs`, and counts the occurrences held back in between, so
 * that a problem hitting every span or every call produces one line, not thousands. Never throws.
 */
export class RateLimiter {
  private readonly keys = new Map<string, KeyState>();

  /**
   * @param intervalMs the minimum gap between two admitted occurrences of one key.
   * @param now clock, replaceable in tests.
   */
  constructor(
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one occurrence of `key`: `undefined` when held back, else how many were held back since the last one admitted. */
  admit(key: string): number | undefined {
    const time = this.now();
    const state = this.keys.get(key);
    if (state !== undefined && time - state.lastAdmittedAt < this.intervalMs) {
      state.suppressed++;
      return undefined;
    }
    this.keys.delete(key);
    this.keys.set(key, { lastAdmittedAt: time, suppressed: 0 });
    while (this.keys.size > MAX_TRACKED_KEYS) {
      const oldest = this.keys.keys().next().value;
      if (oldest === undefined) break;
      this.keys.delete(oldest);
    }
    return state?.suppressed ?? 0;
  }
}

/**
 * Logs a diagnostic at most once per `intervalMs` per reason (a {@link RateLimiter}), appending how many
 * occurrences were held back in between. Silent when no logger is given. Never throws.
 */
export class RateLimitedLog {
  private readonly limiter: RateLimiter;

  /**
   * @param logger where lines go; `undefined` keeps everything silent.
   * @param intervalMs the minimum gap between two lines for one reason.
   * @param now clock, replaceable in tests.
   */
  constructor(
    private readonly logger: Logger | undefined,
    intervalMs = 60_000,
    now: () => number = Date.now,
  ) {
    this.limiter = new RateLimiter(intervalMs, now);
  }

  /** Records one occurrence of `reason`; logs `message()` when the reason is due. */
  note(reason: string, level: LogLevel, message: () => string): void {
    if (!this.logger) return;
    try {
      const held = this.limiter.admit(reason);
      if (held === undefined) return;
      const line = held > 0 ? `${message()} (${held} more since the last report)` : message();
      if (level === 'warn') this.logger.warn(line);
      else this.logger.debug(line);
    } catch {
      // diagnostics never break tracing
    }
  }
}
