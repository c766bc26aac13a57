import { parseRetryAfter } from '@honeyhive/utils';
import { grpcRetryDelayMs, type MetadataLike } from './grpc-retry-hints';

/** Whether a failed export is worth another attempt, and when. */
export interface RetryDecision {
  /** True for transient failures (overload, restart, network). */
  retryable: boolean;
  /** The delay the server asked for (`Retry-After`, gRPC RetryInfo or pushback), when it gave one (ms). */
  retryAfterMs?: number;
  /**
   * True when the server refused the request for its size (HTTP 413, gRPC "message larger than max"):
   * never retried as is; a smaller request (fewer spans) can succeed.
   */
  tooLarge?: boolean;
}

/** HTTP statuses that signal a transient condition (OTLP spec). */
const RETRYABLE_HTTP_STATUS = new Set([429, 502, 503, 504]);

/**
 * gRPC status codes the OTLP spec lists as retryable: CANCELLED, DEADLINE_EXCEEDED, ABORTED,
 * OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS. RESOURCE_EXHAUSTED (the gRPC form of 429) is retryable only
 * when the server says when to come back (see {@link classifyExportError}).
 */
const RETRYABLE_GRPC_CODES = new Set([1, 4, 10, 11, 14, 15]);
const GRPC_RESOURCE_EXHAUSTED = 8;
const HTTP_PAYLOAD_TOO_LARGE = 413;

/** grpc-js's words for a message over a size limit ("Received message larger than max (N vs. M)"). */
const GRPC_TOO_LARGE_MESSAGE = /message (that decompresses to a size )?larger than/i;

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
  // gRPC: RetryInfo, grpc-retry-pushback-ms or retry-after in the trailing metadata
  const metadata = property(error, 'metadata') as MetadataLike | undefined;
  if (metadata && typeof metadata.get === 'function') {
    const fromMetadata = grpcRetryDelayMs(metadata, (value) => parseRetryAfter(value));
    if (fromMetadata !== undefined) return fromMetadata;
  }
  const headers = property(error, 'headers');
  if (headers && typeof headers === 'object') return parseRetryAfter(property(headers, 'retry-after'));
  return parseRetryAfter(property(error, 'retryAfter'));
}

/** True when `error` says the request was too large for the server (HTTP 413, gRPC message size). */
export function isTooLargeError(error: unknown): boolean {
  return classifyExportError(error).tooLarge === true;
}

/**
 * Classifies an export error: HTTP 429/502/503/504 (an `OTLPExporterError`'s `code`), the retryable
 * gRPC status codes, RESOURCE_EXHAUSTED with a retry delay, and connection failures (ECONNREFUSED,
 * ECONNRESET, `socket hang up`, timeouts) are retryable; anything else (400, 401, malformed data…) is
 * permanent. HTTP 413 and gRPC "message larger than max" are permanent and marked `tooLarge`.
 */
export function classifyExportError(error: unknown): RetryDecision {
  const code = property(error, 'code');
  const retryAfterMs = retryAfterOf(error);
  const withRetryAfter = (retryable: boolean): RetryDecision =>
    retryable && retryAfterMs !== undefined ? { retryable, retryAfterMs } : { retryable };
  if (typeof code === 'number') {
    if (code === HTTP_PAYLOAD_TOO_LARGE) return { retryable: false, tooLarge: true };
    if (code >= 100) return withRetryAfter(RETRYABLE_HTTP_STATUS.has(code));
    if (code === GRPC_RESOURCE_EXHAUSTED) {
      const details = property(error, 'details') ?? property(error, 'message');
      if (typeof details === 'string' && GRPC_TOO_LARGE_MESSAGE.test(details)) return { retryable: false, tooLarge: true };
      // OTLP: retryable only when the server signals that recovery is possible (RetryInfo or another delay)
      return withRetryAfter(retryAfterMs !== undefined);
    }
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
