import type { ApiResponse } from './api-request';

/**
 * Why a session or event call failed: the key was rejected (`unauthorized`, 401/403), the backend was
 * overloaded (`rate_limited`, 429) or failed (`server_error`, 5xx) after retries, refused the request
 * (`rejected`, another 4xx), could not be reached (`unreachable`) or did not answer in time (`timeout`), the
 * call was cut short by shutdown (`aborted`), its body could not be built (`invalid_payload`), or a bug (`internal`).
 */
export type CallFailureReason =
  | 'unauthorized'
  | 'rate_limited'
  | 'server_error'
  | 'rejected'
  | 'unreachable'
  | 'timeout'
  | 'aborted'
  | 'invalid_payload'
  | 'internal';

/**
 * Why a call was not sent: the API key was rejected earlier and calls are paused (`unauthorized`), the
 * tracer was shut down (`shutdown`), or it is degraded by a configuration problem (`degraded`).
 */
export type CallSkipReason = 'unauthorized' | 'shutdown' | 'degraded';

/** Outcomes of one kind of API call. Every call is counted once: `ok`, `failed` or `skipped`. */
export interface CallCounts {
  /** Accepted by the backend (or handled locally in test mode / when disabled). */
  ok: number;
  /** Sent and failed (after retries). */
  failed: number;
  /** Not sent (see `skippedBy`). */
  skipped: number;
  /** `failed`, by reason (only reasons that occurred). */
  failedBy: Partial<Record<CallFailureReason, number>>;
  /** `skipped`, by reason (only reasons that occurred). */
  skippedBy: Partial<Record<CallSkipReason, number>>;
  /** Calls whose body had to be cut to the size limits (counted whatever their outcome). */
  truncated: number;
}

/** The reason of a failed {@link ApiResponse}. */
export function failureReason(response: ApiResponse): CallFailureReason {
  switch (response.failure) {
    case 'status': {
      const status = response.status;
      if (status === 401 || status === 403) return 'unauthorized';
      if (status === 429) return 'rate_limited';
      return status >= 500 ? 'server_error' : 'rejected';
    }
    case 'timeout':
      return 'timeout';
    case 'aborted':
      return 'aborted';
    case 'connection':
      return 'unreachable';
    case 'body':
      return 'invalid_payload';
    default:
      return 'internal';
  }
}

/** The counter of one kind of call. */
export class CallCounter {
  private ok = 0;
  private readonly failedBy = new Map<CallFailureReason, number>();
  private readonly skippedBy = new Map<CallSkipReason, number>();
  private truncated = 0;

  succeeded(): void {
    this.ok += 1;
  }

  failed(reason: CallFailureReason): void {
    this.failedBy.set(reason, (this.failedBy.get(reason) ?? 0) + 1);
  }

  skipped(reason: CallSkipReason): void {
    this.skippedBy.set(reason, (this.skippedBy.get(reason) ?? 0) + 1);
  }

  cut(): void {
    this.truncated += 1;
  }

  /** A copy of the counts. */
  snapshot(): CallCounts {
    const sum = (map: Map<string, number>) => [...map.values()].reduce((total, n) => total + n, 0);
    return {
      ok: this.ok,
      failed: sum(this.failedBy),
      skipped: sum(this.skippedBy),
      failedBy: Object.fromEntries(this.failedBy),
      skippedBy: Object.fromEntries(this.skippedBy),
      truncated: this.truncated,
    };
  }
}
