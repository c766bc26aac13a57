import { backoffDelay, errorMessage, parseRetryAfter, type BackoffOptions } from '@honeyhive/utils';
import { exchange } from './http-exchange';

/** One HoneyHive API request. */
export interface ApiRequest {
  method: 'GET' | 'POST' | 'PUT';
  /** Full URL. */
  url: string;
  /** Request headers (the caller adds authorization and client identification). */
  headers: Record<string, string>;
  /** Serialized as JSON when present. */
  body?: unknown;
  /** Budget for the whole call, retries and waits included (ms). */
  timeoutMs: number;
  /** The timeout that messages name (default `timeoutMs`): the caller's whole budget when this request got what was left of it. */
  statedTimeoutMs?: number;
  /** Retries after the first attempt on 429, 5xx and connection errors. Default 2. */
  retries?: number;
  /** Aborts the call (e.g. the tracer shutting down). */
  signal?: AbortSignal;
  /**
   * The path as messages name it, e.g. `/v1/events/{id}`: ids left out, so repeated failures read the same
   * (and are rate-limited as one kind). Default: the URL's path.
   */
  route?: string;
}

/** Why an {@link apiRequest} failed: an answer with an error `status`, or none (`timeout`, `aborted`, `connection`), or a body that could not be sent (`body`). */
export type ApiFailure = 'status' | 'timeout' | 'aborted' | 'connection' | 'body';

/** What an {@link apiRequest} ended with. Never thrown. */
export interface ApiResponse {
  /** True for a 2xx answer. */
  ok: boolean;
  /** HTTP status of the last answer; 0 when none came (connection error, timeout, abort). */
  status: number;
  /** The parsed JSON body (undefined when empty or not JSON). */
  body: unknown;
  /** Why it failed, when it did: a message without secrets (status and the server's `error` field). */
  error?: Error;
  /** How many attempts were made. */
  attempts: number;
  /** Why it failed, when it did. */
  failure?: ApiFailure;
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
/** Session and event calls retry sooner than span exports: a user may be awaiting them. */
const API_BACKOFF: BackoffOptions = Object.freeze({ initialBackoffMs: 250, multiplier: 2, maxBackoffMs: 5_000, jitter: 0.2 });

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    // unref'd like the sockets: a caller that user code awaits keeps the process alive itself (see KeepAlive)
    const timer = setTimeout(done, ms);
    timer.unref?.();
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** The error's message, with the code of its cause when the message does not name it (`… (ECONNREFUSED)`). */
function connectionFailure(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const detail = typeof cause?.code === 'string' ? cause.code : typeof cause?.message === 'string' ? cause.message : undefined;
  const message = errorMessage(error);
  return detail === undefined || message.includes(detail) ? message : `${message} (${detail})`;
}

/** JSON text of a request body; bigints become strings. Undefined (with the reason) when it cannot be serialized. */
function serialize(body: unknown): { text?: string; error?: Error } {
  if (body === undefined) return {};
  try {
    return { text: JSON.stringify(body, (_key, value: unknown) => (typeof value === 'bigint' ? value.toString() : value)) };
  } catch (error) {
    return { error: new Error(`the request body cannot be sent as JSON: ${errorMessage(error)}`) };
  }
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function describeFailure(request: ApiRequest, status: number, body: unknown): Error {
  const reason =
    body !== null && typeof body === 'object' && typeof (body as { error?: unknown }).error === 'string'
      ? `: ${serverReason((body as { error: string }).error)}`
      : '';
  return new Error(`${request.method} ${displayPath(request)} answered ${status}${reason}`);
}

const ID_PATTERN = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\b[0-9a-f]{16,}\b/gi;

/** The server's `error` text, ids left out and clipped: messages of one kind of failure stay the same. */
function serverReason(text: string): string {
  const clean = text.replace(ID_PATTERN, '{id}');
  return clean.length > 300 ? `${clean.slice(0, 300)}…` : clean;
}

function displayPath(request: ApiRequest): string {
  return typeof request.route === 'string' && request.route !== '' ? request.route : safePath(request.url);
}

function safePath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/**
 * Sends one JSON request (over `node:http`/`node:https`), retrying 429, 500, 502, 503, 504 and connection errors
 * (honouring `Retry-After`, else exponential backoff with jitter) as long as the next attempt still fits in
 * `timeoutMs`. Never throws or rejects: the outcome, failures included, is the returned {@link ApiResponse}.
 * Its sockets and timers do not keep the process alive: a caller that must finish keeps it alive itself.
 */
export async function apiRequest(request: ApiRequest): Promise<ApiResponse> {
  const deadline = Date.now() + request.timeoutMs;
  const retries = request.retries ?? 2;
  const path = displayPath(request);
  const stated = request.statedTimeoutMs ?? request.timeoutMs;
  const payload = serialize(request.body);
  if (payload.error !== undefined) return { ok: false, status: 0, body: undefined, attempts: 0, error: payload.error, failure: 'body' };
  const unsent = (): ApiResponse => {
    const aborted = request.signal?.aborted === true;
    const why = aborted ? 'aborted' : `no time left within ${stated} ms`;
    return { ok: false, status: 0, body: undefined, attempts: 0, error: new Error(`${request.method} ${path} not sent: ${why}`), failure: aborted ? 'aborted' : 'timeout' };
  };
  let last: ApiResponse | undefined;
  for (let attempt = 0; attempt <= retries; attempt += 1) {
    const remaining = deadline - Date.now();
    if (remaining <= 0 || request.signal?.aborted) break;
    let waitMs: number | undefined;
    try {
      const timeout = AbortSignal.timeout(remaining);
      const signal = request.signal ? AbortSignal.any([timeout, request.signal]) : timeout;
      const answer = await exchange(request.url, { method: request.method, headers: request.headers, body: payload.text, signal });
      const body = parseJson(answer.text);
      if (answer.status >= 200 && answer.status < 300) return { ok: true, status: answer.status, body, attempts: attempt + 1 };
      last = { ok: false, status: answer.status, body, attempts: attempt + 1, error: describeFailure(request, answer.status, body), failure: 'status' };
      if (!RETRY_STATUSES.has(answer.status)) return last;
      waitMs = parseRetryAfter(answer.retryAfter);
    } catch (error) {
      const aborted = request.signal?.aborted === true;
      const timedOut = !aborted && Date.now() >= deadline - 1;
      const why = aborted ? 'aborted' : timedOut ? `no answer within ${stated} ms` : connectionFailure(error);
      const failure: ApiFailure = aborted ? 'aborted' : timedOut ? 'timeout' : 'connection';
      last = { ok: false, status: 0, body: undefined, attempts: attempt + 1, error: new Error(`${request.method} ${path} failed: ${why}`), failure };
      if (aborted || timedOut) return last;
    }
    if (attempt === retries) break;
    const delay = waitMs ?? backoffDelay(attempt + 1, API_BACKOFF);
    if (Date.now() + delay >= deadline) break;
    await sleep(delay, request.signal);
  }
  return last ?? unsent();
}
