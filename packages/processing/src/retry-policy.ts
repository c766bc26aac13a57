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

/** Whether a failed export is worth another attempt, and when. */
export interface RetryDecision {
  /** True for transient failures (overload, restart, network). */
  retryable: boolean;
  /** The server's `Retry-After`, when it gave one (ms). */
  retryAfterMs?: number;
}

/** HTTP statuses that signal a transient condition (OTLP spec). */
const RETRYABLE_HTTP_STATUS = new Set([429, 502, 503, 504]);

/**
 * gRPC status codes the OTLP spec lists as retryable: CANCELLED, DEADLINE_EXCEEDED,
 * RESOURCE_EXHAUSTED (the gRPC form of 429), ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS.
 */
const RETRYABLE_GRPC_CODES = new Set([1, 4, 8, 10, 11, 14, 15]);

/** Socket-level failures that a later attempt (e.g. after a server restart) can overcome. */
const RETRYABLE_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'ENETDOWN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
]);

const RETRYABLE_MESSAGE = /socket hang up|timed? ?out|ECONNREFUSED|ECONNRESET|EPIPE/i;

function property(value: unknown, key: string): unknown {
  try {
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  } catch {
    return undefined;
  }
}

function retryAfterOf(error: unknown): number | undefined {
  // gRPC: a server may put `retry-after` in the trailing metadata
  const metadata = property(error, 'metadata') as { get?: (key: string) => unknown[] } | undefined;
  if (metadata && typeof metadata.get === 'function') {
    try {
      const values = metadata.get('retry-after');
      if (Array.isArray(values) && values.length > 0) return parseRetryAfter(String(values[0]));
    } catch {
      // no usable metadata
    }
  }
  const headers = property(error, 'headers');
  if (headers && typeof headers === 'object') return parseRetryAfter(property(headers, 'retry-after'));
  return parseRetryAfter(property(error, 'retryAfter'));
}

/**
 * Classifies an export error: HTTP 429/502/503/504 (an `OTLPExporterError`'s `code`), the retryable
 * gRPC status codes, and connection failures (ECONNREFUSED, ECONNRESET, `socket hang up`,
 * timeouts) are retryable; anything else (400, 401, 413, malformed data…) is permanent.
 */
export function classifyExportError(error: unknown): RetryDecision {
  const code = property(error, 'code');
  const retryAfterMs = retryAfterOf(error);
  const withRetryAfter = (retryable: boolean): RetryDecision =>
    retryable && retryAfterMs !== undefined ? { retryable, retryAfterMs } : { retryable };
  if (typeof code === 'number') {
    if (code >= 100) return withRetryAfter(RETRYABLE_HTTP_STATUS.has(code));
    return withRetryAfter(RETRYABLE_GRPC_CODES.has(code));
  }
  if (typeof code === 'string') return withRetryAfter(RETRYABLE_NETWORK_CODES.has(code));
  const cause = property(error, 'cause');
  if (cause !== undefined && cause !== error && cause !== null && typeof cause === 'object') {
    const fromCause = classifyExportError(cause);
    if (fromCause.retryable) return fromCause;
  }
  const message = property(error, 'message');
  return withRetryAfter(typeof message === 'string' && RETRYABLE_MESSAGE.test(message));
}
