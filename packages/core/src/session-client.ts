import { randomUUID } from 'node:crypto';
import type { ErrorPolicy } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';
import { apiRequest, type ApiRequest, type ApiResponse } from './api-request';
import {
  createEventBody,
  eventUpdateBody,
  sessionStartBody,
  type CreateEventFields,
  type EventUpdateFields,
  type SessionStartFields,
} from './event-payloads';

/** Why a session client makes no network calls: `testMode`, a `degraded` tracer, a `disabled` one. */
export type OfflineReason = 'testMode' | 'degraded' | 'disabled';

/** Options of {@link SessionClient}. */
export interface SessionClientOptions {
  /** HoneyHive API base URL, without a trailing `/`. */
  serverUrl: string;
  /** Sent as `Authorization: Bearer <apiKey>`; never logged. */
  apiKey?: string;
  /** Budget of each call, retries included (ms). */
  timeoutMs: number;
  /** `hh-client-package`. */
  clientPackage: string;
  /** `hh-client-version`. */
  clientVersion: string;
  /** When set, nothing is sent: calls resolve locally. */
  offline?: OfflineReason;
  /** Where failures are reported (counted, rate-limited, redacted). */
  policy: ErrorPolicy;
  /** For the one-time note about degraded mode. */
  logger: Logger;
}

/** The outcome of a session or event call. Never thrown. */
export interface ApiResult {
  /** True when the backend accepted it, or (in test mode / disabled) when it was handled locally. */
  ok: boolean;
  /** True when no request was sent (test mode, disabled, degraded, shut down). */
  local: boolean;
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
  sessionStarts: { ok: number; failed: number; skipped: number };
  eventUpdates: { ok: number; failed: number; skipped: number };
  eventCreates: { ok: number; failed: number; skipped: number };
}

type Counter = { ok: number; failed: number; skipped: number };
const counter = (): Counter => ({ ok: 0, failed: 0, skipped: 0 });

/**
 * The HoneyHive session and event API of one tracer (`fetch` based). Current routes first, the legacy
 * route when the current one answers 404/405. Nothing here throws or rejects; failures are reported to the
 * tracer's `ErrorPolicy`, counted, and returned.
 */
export class SessionClient {
  private readonly counts_ = { sessionStarts: counter(), eventUpdates: counter(), eventCreates: counter() };
  private readonly pending = new Set<Promise<unknown>>();
  /** Session starts in flight by id: an update of that session waits for its start, else it could arrive first. */
  private readonly startsInFlight = new Map<string, Promise<unknown>>();
  // made on the first request: the first AbortController of a process loads Node's implementation,
  // a noticeable part of a tracer's cold set-up, and a tracer in test mode never sends a request
  private aborter: AbortController | undefined;
  private closed = false;
  private degradedNoted = false;

  // A native private field: the options hold the API key, which must stay out of util.inspect / JSON.stringify.
  readonly #options: SessionClientOptions;

  constructor(options: SessionClientOptions) {
    this.#options = options;
  }

  /** Starts (or re-announces: idempotent on `session_id`) a session. Keeps the client's id whatever the answer. */
  startSession(fields: SessionStartFields): Promise<StartSessionResult> {
    const started = this.track('session.start', async () => {
      const body = sessionStartBody(fields);
      const result = await this.send(
        'session.start',
        this.counts_.sessionStarts,
        { method: 'POST', path: '/v1/sessions', body },
        { method: 'POST', path: '/session/start', body: { session: body } },
      );
      if (result.response !== undefined) this.noteOtherId(fields.sessionId, result.response.body);
      return { ...result.outcome, sessionId: fields.sessionId };
    }, (error) => ({ ok: false, local: true, error, sessionId: fields.sessionId }));
    const id = fields.sessionId;
    this.startsInFlight.set(id, started);
    void started.finally(() => {
      if (this.startsInFlight.get(id) === started) this.startsInFlight.delete(id);
    });
    return started;
  }

  /** Updates an event, or enriches a session (its event id is the session id). */
  updateEvent(eventId: string, fields: EventUpdateFields): Promise<ApiResult> {
    return this.track('event.update', async () => {
      await this.startsInFlight.get(eventId);
      const body = eventUpdateBody(fields ?? {});
      const result = await this.send(
        'event.update',
        this.counts_.eventUpdates,
        { method: 'PUT', path: `/v1/events/${encodeURIComponent(eventId)}`, body },
        { method: 'PUT', path: '/events', body: { ...body, event_id: eventId } },
      );
      return result.outcome;
    }, (error) => ({ ok: false, local: true, error }));
  }

  /** Creates one event; `sessionId` is required here (the tracer fills it from the current scope). */
  createEvent(fields: CreateEventFields & { sessionId: string }): Promise<CreateEventResult> {
    const eventId = typeof fields?.eventId === 'string' && fields.eventId !== '' ? fields.eventId : randomUUID();
    return this.track('event.create', async () => {
      const body = createEventBody({ ...fields, eventId });
      const result = await this.send(
        'event.create',
        this.counts_.eventCreates,
        { method: 'POST', path: '/v1/events', body },
        { method: 'POST', path: '/events', body: { event: body } },
      );
      const answered = (result.response?.body as { event_id?: unknown } | undefined)?.event_id;
      return { ...result.outcome, eventId: typeof answered === 'string' && answered !== '' ? answered : eventId };
    }, (error) => ({ ok: false, local: true, error, eventId }));
  }

  /** Counts of calls so far (a copy). */
  counts(): SessionClientCounts {
    const copy = (c: Counter) => ({ ...c });
    return {
      sessionStarts: copy(this.counts_.sessionStarts),
      eventUpdates: copy(this.counts_.eventUpdates),
      eventCreates: copy(this.counts_.eventCreates),
    };
  }

  /** Waits up to `timeoutMs` for the calls in flight; true when they all finished. Never rejects. */
  async settle(timeoutMs: number): Promise<boolean> {
    if (this.pending.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), Math.max(0, timeoutMs));
      timer.unref?.();
    });
    const all = Promise.all([...this.pending]).then(() => true as const);
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Refuses new calls and aborts those still in flight. Idempotent. */
  close(): void {
    this.closed = true;
    this.aborter?.abort();
  }

  private track<T>(operation: string, work: () => Promise<T>, fallback: (error: Error) => T): Promise<T> {
    const promise = (async () => {
      try {
        return await work();
      } catch (thrown) {
        const error = thrown instanceof Error ? thrown : new Error(String(thrown));
        this.#options.policy.report(operation, error);
        return fallback(error);
      }
    })();
    this.pending.add(promise);
    void promise.finally(() => this.pending.delete(promise));
    return promise;
  }

  private async send(
    operation: string,
    count: Counter,
    current: { method: ApiRequest['method']; path: string; body: unknown },
    legacy: { method: ApiRequest['method']; path: string; body: unknown },
  ): Promise<{ outcome: ApiResult; response?: ApiResponse }> {
    const offline = this.offlineOutcome(operation);
    if (offline !== undefined) {
      if (offline.ok) count.ok += 1;
      else count.skipped += 1;
      return { outcome: offline };
    }
    let response = await this.request(current);
    let route: 'current' | 'legacy' = 'current';
    if (response.status === 404 || response.status === 405) {
      response = await this.request(legacy);
      route = 'legacy';
    }
    if (response.ok) {
      count.ok += 1;
      return { outcome: { ok: true, local: false, route, status: response.status }, response };
    }
    count.failed += 1;
    const error = response.error ?? new Error(`${operation} failed`);
    this.#options.policy.report(operation, error);
    return { outcome: { ok: false, local: false, route, status: response.status, error }, response };
  }

  private offlineOutcome(operation: string): ApiResult | undefined {
    if (this.closed) return { ok: false, local: true, error: new Error(`${operation} skipped: the tracer is shut down`) };
    const reason = this.#options.offline;
    if (reason === undefined) return undefined;
    if (reason !== 'degraded') return { ok: true, local: true };
    if (!this.degradedNoted) {
      this.degradedNoted = true;
      this.#options.logger.info('HoneyHive: sessions and events are not sent while the tracer is degraded (see the configuration message above)');
    }
    return { ok: false, local: true, error: new Error(`${operation} skipped: the tracer is degraded (configuration problem)`) };
  }

  private request(route: { method: ApiRequest['method']; path: string; body: unknown }): Promise<ApiResponse> {
    const { apiKey, clientPackage, clientVersion, serverUrl, timeoutMs } = this.#options;
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'hh-client-package': clientPackage,
      'hh-client-version': clientVersion,
      'hh-client-language': 'typescript',
    };
    if (typeof apiKey === 'string' && apiKey !== '') headers.Authorization = `Bearer ${apiKey}`;
    return apiRequest({ method: route.method, url: `${serverUrl}${route.path}`, headers, body: route.body, timeoutMs, signal: this.abortSignal() });
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
