// Retry timing shared by every HoneyHive client that retries (OTLP export, session and event requests).

/** How long to wait between attempts when the server gives no `Retry-After`. */
export interface BackoffOptions {
  /** Delay before the first retry (ms). */
  initialBackoffMs: number;
  /** Upper bound of one delay (ms). */
  maxBackoffMs: number;
  /** Growth per attempt. */
  multiplier: number;
  /** Relative jitter: the delay is scaled by a random factor in `[1 - jitter, 1 + jitter]`. */
  jitter: number;
}

/** The defaults: 500 ms, ×2 per attempt, at most 5 s, ±20 % jitter. */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  initialBackoffMs: 500,
  maxBackoffMs: 5_000,
  multiplier: 2,
  jitter: 0.2,
});

/** The delay before retry number `retry` (1 for the first retry), with jitter. */
export function backoffDelay(retry: number, options: BackoffOptions = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const base = Math.min(options.initialBackoffMs * options.multiplier ** Math.max(0, retry - 1), options.maxBackoffMs);
  const factor = 1 + (random() * 2 - 1) * options.jitter;
  return Math.max(0, Math.round(base * factor));
}

/**
 * Parses a `Retry-After` value: delay-seconds (`"2"`) or an HTTP date. Returns the wait in ms
 * (0 for a date in the past), or `undefined` when absent or unparseable.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (typeof text !== 'string' && typeof text !== 'number') return undefined;
  const raw = String(text).trim();
  if (raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  const date = Date.parse(raw);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}
