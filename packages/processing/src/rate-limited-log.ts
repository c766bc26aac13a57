import type { Logger } from '@honeyhive/utils';

/** Severity of a rate-limited diagnostic. */
export type LogLevel = 'debug' | 'warn';

interface ReasonState {
  lastLoggedAt: number;
  suppressed: number;
}

/**
 * Logs a diagnostic at most once per `intervalMs` per reason, appending how many occurrences were
 * held back in between, so that a problem hitting every span produces one line, not thousands.
 * Silent when no logger is given. Never throws.
 */
export class RateLimitedLog {
  private readonly reasons = new Map<string, ReasonState>();

  /**
   * @param logger where lines go; `undefined` keeps everything silent.
   * @param intervalMs the minimum gap between two lines for one reason.
   * @param now clock, replaceable in tests.
   */
  constructor(
    private readonly logger: Logger | undefined,
    private readonly intervalMs = 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one occurrence of `reason`; logs `message()` when the reason is due. */
  note(reason: string, level: LogLevel, message: () => string): void {
    if (!this.logger) return;
    try {
      const time = this.now();
      const state = this.reasons.get(reason);
      if (state && time - state.lastLoggedAt < this.intervalMs) {
        state.suppressed++;
        return;
      }
      const held = state?.suppressed ?? 0;
      this.reasons.set(reason, { lastLoggedAt: time, suppressed: 0 });
      const line = held > 0 ? `${message()} (${held} more since the last report)` : message();
      if (level === 'warn') this.logger.warn(line);
      else this.logger.debug(line);
    } catch {
      // diagnostics never break tracing
    }
  }
}
