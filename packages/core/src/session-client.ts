import { randomUUID } from 'node:crypto';
import type { ErrorPolicy } from '@honeyhive/integration';
import { SecretRedaction, toError, type Logger } from '@honeyhive/utils';
import { AuthBreaker, type ApiStatus, type AuthBreakerOptions } from './api-breaker';
import { apiRequest, type ApiRequest, type ApiResponse } from './api-request';
import { CallCounter, failureReason, type CallCounts, type CallFailureReason, type CallSkipReason } from './call-counts';
import {
  createEventBody,
  eventUpdateBody,
  sessionStartBody,
  type CreateEventFields,
  type EventUpdateFields,
  type SessionStartFields,
} from './event-payloads';
import { BodyCapture, DEFAULT_BODY_LIMITS, type BodyLimits } from './body-capture';
import { KeepAlive } from './keep-alive';
import { rejectedKeyMessage } from './rejected-key-message';
import type { TracerOperation } from './tracer-operation';

/** Why a session client makes no network calls: `testMode`, a `degraded` tracer, a `disabled` one. */
export type OfflineReason = 'testMode' | 'degraded' | 'disabled';

/** Options of {@link SessionClient}. */
export interface SessionClientOptions {
  /** HoneyHive API base URL, without a trailing `/`. */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never logged. */
  apiKey?: string;
  /** Budget of each call, waits, retries and the legacy route included (ms). */
  timeoutMs: number;
  /** `hh-client-package`. */
  clientPackage: string;
  /** `hh-client-version`. */
  clientVersion: string;
  /** When set, nothing is sent: calls resolve locally. */
  offline?: OfflineReason;
  /** Where failures are reported (counted, rate-limited, redacted). */
  policy: ErrorPolicy<TracerOperation>;
  /** For the one-time notes (degraded mode, key accepted again). */
  logger: Logger;
  /** Where the API key came from, named when the backend rejects it (e.g. `the HH_API_KEY environment variable`). */
  apiKeySource?: string;
  /** The project, named when the backend rejects the key. */
  project?: string;
  /** Values kept per top-level body field (the tracer's `maxAttributes`). Default 1024. */
  maxEntries?: number;
  /** Secret keys and values redacted from bodies, as on spans. Default `SecretRedaction.DEFAULT`. */
  redaction?: SecretRedaction;
  /** When probes are sent after the key was rejected (for tests). */
  breaker?: AuthBreakerOptions;
}

/** How a call ended: accepted (`ok`), sent and `failed`, or `skipped` (not sent). */
export type CallOutcome = 'ok' | 'failed' | 'skipped';

/** The outcome of a session or event call. Never thrown. */
export interface ApiResult {
  /** True when the backend accepted it, or (in test mode / disabled) when it was handled locally. */
  ok: boolean;
  /** True when no request was sent (test mode, disabled, degraded, shut down, paused, or a body that could not be built). */
  local: boolean;
  /** `ok`, `failed` or `skipped`: what `stats()` counted it as. */
  outcome: CallOutcome;
  /** Why it failed or was skipped. */
  reason?: CallFailureReason | CallSkipReason;
  /** Which route answered: `current` (`/v1/...`) or `legacy`. */
  route?: 'current' | 'legacy';
  /** HTTP status of the last answer (0 = none). */
  status?: number;
  /** Why it failed. */
  error?: Error;
}

/** The outcome of {@link SessionClient.startSession}: `sessionId` is always the id that was asked for. */
export interface StartSessionResult extends ApiResult {
  sessionId: string;
}

/** The outcome of {@link SessionClient.createEvent}. */
export interface CreateEventResult extends ApiResult {
  /** The created event's id (the client-generated one unless the backend named another). */
  eventId: string;
}

/** Counts of a {@link SessionClient}'s calls. */
export interface SessionClientCounts {
  sessionStarts: CallCounts;
  eventUpdates: CallCounts;
  eventCreates: CallCounts;
}

/** Options of {@link SessionClient.startSession}. */
export interface StartSessionOptions {
  /** Build and send the request after the caller's synchronous work (the call is tracked, and flushed, at once). */
  defer?: boolean;
}

type CallKind = 'session.start' | 'event.update' | 'event.create';

interface Route {
  method: ApiRequest['method'];
  path: string;
  /** The path as messages name it (ids left out). */
  display: string;
  body: unknown;
}

/** Characters a request body may have; a larger one is built again with shorter strings (about 4 MiB of ASCII). */
export const MAX_BODY_CHARS = 4 * 1024 * 1024;
/** Strings are never cut shorter than this to fit {@link MAX_BODY_CHARS}. */
const MIN_STRING_LENGTH = 256;

/** A body that could not be built (counted as `invalid_payload`). */
class PayloadError extends Error {}

/** A non-empty string id of `fields`, else undefined (also when reading it throws). */
function readId(fields: object | undefined, name: string): string | undefined {
  try {
    const value = (fields as Record<string, unknown> | undefined)?.[name];
    return typeof value === 'string' && value !== '' ? value : undefined;
  } catch {
    return undefined;
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function skipped(reason: CallSkipReason, error: Error): ApiResult {
  return { ok: false, local: true, outcome: 'skipped', reason, error };
}

/**
 * The HoneyHive session and event API of one tracer. Current routes first, the legacy route when the current
 * one answers 404/405. Nothing here throws or rejects; every call is counted once (ok, failed or skipped, with
 * a reason), failures are reported to the tracer's `ErrorPolicy`, and returned.
 *
 * - Bodies are copied by the span path's rules and limits (see `BodyCapture`): a huge, circular or hostile value is
 *   cut or marked, never the reason a call is lost.
 * - Once the backend rejects the API key (401/403) one line says so and how to fix it, and calls are skipped
 *   (counted `unauthorized`) but for a slow probe (see {@link AuthBreaker}).
 * - No call keeps the process alive by itself. {@link whenAwaited} and {@link settle} hold it open while user
 *   code waits, each bounded by the call's own deadline (`timeoutMs`).
 */
export class SessionClient {
  private readonly counters = { sessionStarts: new CallCounter(), eventUpdates: new CallCounter(), eventCreates: new CallCounter() };
  private readonly pending = new Set<Promise<ApiResult>>();
  /** Session starts in flight by id: an update of that session waits for its start, else it could arrive first. */
  private readonly startsInFlight = new Map<string, Promise<unknown>>();
  private readonly keepAlive = new KeepAlive();
  private readonly breaker: AuthBreaker;
  private readonly limits: BodyLimits;
  private readonly redaction: SecretRedaction;
  // made on the first request: the first AbortController of a process loads Node's implementation,
  // a noticeable part of a tracer's cold set-up, and a tracer in test mode never sends a request
  private aborter: AbortController | undefined;
  private accepting = true;
  private closed = false;
  private degradedNoted = false;
  /**
   * Called each time a call is made, so a flush on exit knows there is API work to wait for even when no span
   * ended since the last one. Set once the tracer's lifecycle exists; must not hold the tracer itself.
   */
  onCallStarted: (() => void) | undefined;

  // A native private field: the options hold the API key, which must stay out of util.inspect / JSON.stringify.
  readonly #options: SessionClientOptions;

  constructor(options: SessionClientOptions) {
    this.#options = options;
    this.breaker = new AuthBreaker(options.breaker);
    const maxEntries = options.maxEntries;
    this.limits =
      typeof maxEntries === 'number' && Number.isInteger(maxEntries) && maxEntries > 0
        ? { ...DEFAULT_BODY_LIMITS, maxEntries }
        : DEFAULT_BODY_LIMITS;
    this.redaction = options.redaction ?? SecretRedaction.DEFAULT;
  }

  /** Starts (or re-announces: idempotent on `session_id`) a session. Keeps the client's id whatever the answer. */
  startSession(fields: SessionStartFields, options?: StartSessionOptions): Promise<StartSessionResult> {
    const id = readId(fields, 'sessionId') ?? '';
    const counter = this.counters.sessionStarts;
    const started = this.track('session.start', counter, async (deadline) => {
      if (options?.defer === true) await nextTurn();
      const body = this.build(counter, (capture) => sessionStartBody(fields, capture));
      const result = await this.send(
        'session.start',
        deadline,
        { method: 'POST', path: '/v1/sessions', display: '/v1/sessions', body },
        { method: 'POST', path: '/session/start', display: '/session/start', body: { session: body } },
      );
      if (result.response !== undefined) this.noteOtherId(id, result.response.body);
      return { ...result.outcome, sessionId: id };
    }, (result) => ({ ...result, sessionId: id }));
    this.startsInFlight.set(id, started);
    void started.finally(() => {
      if (this.startsInFlight.get(id) === started) this.startsInFlight.delete(id);
    });
    return started;
  }

  /** Updates an event, or enriches a session (its event id is the session id). */
  updateEvent(eventId: string, fields: EventUpdateFields): Promise<ApiResult> {
    const counter = this.counters.eventUpdates;
    return this.track('event.update', counter, async (deadline) => {
      const start = this.startsInFlight.get(eventId);
      if (start !== undefined) await this.untilDeadline(start, deadline);
      const body = this.build(counter, (capture) => eventUpdateBody(fields ?? {}, capture));
      const result = await this.send(
        'event.update',
        deadline,
        { method: 'PUT', path: `/v1/events/${encodeURIComponent(eventId)}`, display: '/v1/events/{id}', body },
        { method: 'PUT', path: '/events', display: '/events', body: { ...body, event_id: eventId } },
      );
      return result.outcome;
    }, (result) => result);
  }

  /** Creates one event; `sessionId` is required here (the tracer fills it from the current scope). */
  createEvent(fields: CreateEventFields & { sessionId: string }): Promise<CreateEventResult> {
    const eventId = readId(fields, 'eventId') ?? randomUUID();
    const counter = this.counters.eventCreates;
    return this.track('event.create', counter, async (deadline) => {
      const body = this.build(counter, (capture) => createEventBody({ ...fields, eventId }, capture));
      const result = await this.send(
        'event.create',
        deadline,
        { method: 'POST', path: '/v1/events', display: '/v1/events', body },
        { method: 'POST', path: '/events', display: '/events', body: { event: body } },
      );
      const answered = (result.response?.body as { event_id?: unknown } | undefined)?.event_id;
      return { ...result.outcome, eventId: typeof answered === 'string' && answered !== '' ? answered : eventId };
    }, (result) => ({ ...result, eventId }));
  }

  /**
   * `promise` (a call of this client, or work built on one), made to keep the process alive once user code
   * awaits it, until it settles. Not awaited, it holds nothing: background calls never delay the end of the process.
   */
  whenAwaited<T>(promise: Promise<T>): Promise<T> {
    return this.keepAlive.whenAwaited(promise);
  }

  /** Counts of calls so far (a copy). */
  counts(): SessionClientCounts {
    return {
      sessionStarts: this.counters.sessionStarts.snapshot(),
      eventUpdates: this.counters.eventUpdates.snapshot(),
      eventCreates: this.counters.eventCreates.snapshot(),
    };
  }

  /** Whether calls are sent, or paused because the API key was rejected. */
  status(): ApiStatus {
    return this.breaker.status();
  }

  /**
   * Waits up to `timeoutMs` for every call made before this one, keeping the process alive meanwhile. True
   * when they all finished in time and none failed or was skipped for a rejected key. Never rejects.
   */
  settle(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return Promise.resolve(true);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      timer.unref?.();
    });
    const settled = Promise.race([this.settled(), timeout]).finally(() => clearTimeout(timer));
    this.keepAlive.during(settled);
    return settled;
  }

  /**
   * Resolves when every call made before this one finished (true when none failed or was skipped for a
   * rejected key), without a timeout and without keeping the process alive: for a caller that bounds and
   * holds the wait itself (the lifecycle's flush on exit). Never rejects.
   */
  settled(): Promise<boolean> {
    const calls = [...this.pending];
    if (calls.length === 0) return Promise.resolve(true);
    return Promise.all(calls).then((results) => results.every((result) => result.ok || (result.outcome === 'skipped' && result.reason !== 'unauthorized')));
  }

  /** Refuses new calls (counted as skipped: `shutdown`); calls in flight go on. Idempotent. */
  stopAccepting(): void {
    this.accepting = false;
  }

  /** Refuses new calls and aborts those still in flight. Idempotent. */
  close(): void {
    this.accepting = false;
    this.closed = true;
    this.aborter?.abort();
  }

  private track<T extends ApiResult>(
    kind: CallKind,
    counter: CallCounter,
    work: (deadline: number) => Promise<T>,
    complete: (result: ApiResult) => T,
  ): Promise<T> {
    const deadline = Date.now() + this.#options.timeoutMs;
    // decided when the call is made: a call made before shutdown() began is sent (and waited for) even if it
    // is deferred, one made after is skipped
    const accepted = this.accepting;
    const promise = (async (): Promise<T> => {
      let result: T;
      try {
        result = accepted ? await work(deadline) : complete(skipped('shutdown', new Error(`${kind} skipped: the tracer is shut down`)));
      } catch (thrown) {
        const error = toError(thrown);
        this.#options.policy.report(kind, error);
        result = complete({ ok: false, local: true, outcome: 'failed', reason: thrown instanceof PayloadError ? 'invalid_payload' : 'internal', error });
      }
      this.count(counter, result);
      return result;
    })();
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    this.onCallStarted?.();
    return promise;
  }

  private count(counter: CallCounter, result: ApiResult): void {
    if (result.outcome === 'ok') counter.succeeded();
    else if (result.outcome === 'skipped') counter.skipped((result.reason as CallSkipReason | undefined) ?? 'shutdown');
    else counter.failed((result.reason as CallFailureReason | undefined) ?? 'internal');
  }

  /**
   * The body `make` builds within this client's limits; counts a cut body. A body still over
   * {@link MAX_BODY_CHARS} (many long strings) is built again with shorter strings.
   */
  private build<T>(counter: CallCounter, make: (capture: BodyCapture) => T): T {
    let capture = new BodyCapture(this.limits, this.redaction);
    let body: T;
    try {
      body = make(capture);
      const size = JSON.stringify(body)?.length ?? 0;
      if (size > MAX_BODY_CHARS) {
        const maxStringLength = Math.max(MIN_STRING_LENGTH, Math.floor((this.limits.maxStringLength * MAX_BODY_CHARS) / size / 2));
        capture = new BodyCapture({ ...this.limits, maxStringLength }, this.redaction);
        body = make(capture);
        capture.cuts += 1;
      }
    } catch (error) {
      throw new PayloadError(`the request body could not be built: ${toError(error).message}`);
    }
    if (capture.cuts > 0) {
      counter.cut();
      this.#options.logger.debug(`HoneyHive: ${capture.cuts} value(s) of a request body were cut or left out to fit the limits`);
    }
    return body;
  }

  /** Waits for `promise`, at most until `deadline`. */
  private async untilDeadline(promise: Promise<unknown>, deadline: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, deadline - Date.now()));
      timer.unref?.();
    });
    try {
      await Promise.race([promise, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async send(
    kind: CallKind,
    deadline: number,
    current: Route,
    legacy: Route,
  ): Promise<{ outcome: ApiResult; response?: ApiResponse }> {
    const offline = this.offlineOutcome(kind);
    if (offline !== undefined) return { outcome: offline };
    const admission = this.breaker.admit();
    if (!admission.send) {
      return { outcome: skipped('unauthorized', new Error(`${kind} skipped: the API key was rejected; calls are paused (see tracer.stats().api)`)) };
    }
    let response = await this.request(current, deadline);
    let route: 'current' | 'legacy' = 'current';
    if (response.status === 404 || response.status === 405) {
      response = await this.request(legacy, deadline);
      route = 'legacy';
    }
    const reason = response.ok ? undefined : failureReason(response);
    const change = this.breaker.record(response.ok ? 'ok' : reason === 'unauthorized' ? 'unauthorized' : 'other', admission.probe);
    if (change === 'opened') this.reportRejectedKey(kind, response.status);
    else if (change === 'closed') this.#options.logger.warn('HoneyHive: the API key was accepted again; sessions and events are sent again');
    if (response.ok) return { outcome: { ok: true, local: false, outcome: 'ok', route, status: response.status }, response };
    const error = response.error ?? new Error(`${kind} failed`);
    // a rejected key is said once, when calls pause; each later rejection is only counted
    if (reason !== 'unauthorized') this.#options.policy.report(kind, error);
    return { outcome: { ok: false, local: false, outcome: 'failed', reason, route, status: response.status, error }, response };
  }

  private reportRejectedKey(kind: CallKind, status: number): void {
    const { serverUrl, apiKeySource, project } = this.#options;
    const message = rejectedKeyMessage({
      status,
      serverUrl,
      keySource: apiKeySource ?? 'the apiKey option or HH_API_KEY',
      project,
      probeAfterMs: this.breaker.firstProbeAfter,
    });
    this.#options.policy.report(kind, new Error(message), 'error');
  }

  private offlineOutcome(kind: CallKind): ApiResult | undefined {
    if (this.closed) return skipped('shutdown', new Error(`${kind} skipped: the tracer is shut down`));
    const reason = this.#options.offline;
    if (reason === undefined) return undefined;
    if (reason !== 'degraded') return { ok: true, local: true, outcome: 'ok' };
    if (!this.degradedNoted) {
      this.degradedNoted = true;
      this.#options.logger.info('HoneyHive: sessions and events are not sent while the tracer is degraded (see the configuration message above)');
    }
    return skipped('degraded', new Error(`${kind} skipped: the tracer is degraded (configuration problem)`));
  }

  private request(route: Route, deadline: number): Promise<ApiResponse> {
    const { apiKey, clientPackage, clientVersion, serverUrl, timeoutMs } = this.#options;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'hh-client-package': clientPackage,
      'hh-client-version': clientVersion,
      'hh-client-language': 'typescript',
    };
    if (typeof apiKey === 'string' && apiKey !== '') headers.Authorization = `Bearer ${apiKey}`;
    return apiRequest({
      method: route.method,
      url: `${serverUrl}${route.path}`,
      route: route.display,
      headers,
      body: route.body,
      timeoutMs: Math.max(0, deadline - Date.now()),
      statedTimeoutMs: timeoutMs,
      signal: this.abortSignal(),
    });
  }

  /** The signal that `close()` aborts (already aborted when the client was closed before its first request). */
  private abortSignal(): AbortSignal {
    if (this.aborter === undefined) {
      this.aborter = new AbortController();
      if (this.closed) this.aborter.abort();
    }
    return this.aborter.signal;
  }

  private noteOtherId(sessionId: string, body: unknown): void {
    const answered = (body as { session_id?: unknown } | undefined)?.session_id;
    if (typeof answered === 'string' && answered.toLowerCase() !== sessionId.toLowerCase()) {
      this.#options.logger.debug(`HoneyHive: the backend named session ${answered} for ${sessionId}; keeping ${sessionId}`);
    }
  }
}
