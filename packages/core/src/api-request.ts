import { errorMessage } from '@honeyhive/utils';
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
  /** Retries after the first attempt on 429, 5xx and connection errors. Default 2. */
  retries?: number;
  /** Aborts the call (e.g. the tracer shutting down). */
  signal?: AbortSignal;
}

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
}

const RETRY_STATUSES = new Set([429, 500, 502, 503, 504]);
const BASE_DELAY_MS = 250;

/** `Retry-After` in seconds or as an HTTP date → ms; undefined when absent or unreadable. */
function retryAfterMs(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function backoffMs(attempt: number): number {
  const base = BASE_DELAY_MS * 2 ** attempt;
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
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
      ? `: ${(body as { error: string }).error}`
      : '';
  const path = safePath(request.url);
  return new Error(`${request.method} ${path} answered ${status}${reason}`);
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
 */
export async function apiRequest(request: ApiRequest): Promise<ApiResponse> {
  const deadline = Date.now() + request.timeoutMs;
  const retries = request.retries ?? 2;
  const payload = serialize(request.body);
  if (payload.error !== undefined) return { ok: false, status: 0, body: undefined, attempts: 0, error: payload.error };
  let last: ApiResponse = { ok: false, status: 0, body: undefined, attempts: 0, error: new Error('not sent') };
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
      last = { ok: false, status: answer.status, body, attempts: attempt + 1, error: describeFailure(request, answer.status, body) };
      if (!RETRY_STATUSES.has(answer.status)) return last;
      waitMs = retryAfterMs(answer.retryAfter);
    } catch (error) {
      const aborted = request.signal?.aborted === true;
      const timedOut = !aborted && Date.now() >= deadline - 1;
      const why = aborted ? 'aborted' : timedOut ? `no answer within ${request.timeoutMs} ms` : connectionFailure(error);
      last = { ok: false, status: 0, body: undefined, attempts: attempt + 1, error: new Error(`${request.method} ${safePath(request.url)} failed: ${why}`) };
      if (aborted || timedOut) return last;
    }
    if (attempt === retries) break;
    const delay = waitMs ?? backoffMs(attempt);
    if (Date.now() + delay >= deadline) break;
    await sleep(delay, request.signal);
  }
  return last;
}
