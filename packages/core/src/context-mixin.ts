import { context as otelContext, propagation, type Context } from '@opentelemetry/api';
import { extractContext, injectContext, type HeaderCarrier, type SpanStamp } from '@honeyhive/processing';
import { generateSessionId, isSecretLikeKey, normalizeSessionId } from '@honeyhive/utils';
import type { Constructor, TracerBaseConstructor } from './mixin-types';

/** A session to open with `withSession` / `createSession`. */
export interface SessionOptions {
  /** Default: the tracer's `sessionName`. */
  sessionName?: string;
  /** Join this session (a UUID) instead of starting a new one. Default: a new client-generated id. */
  sessionId?: string;
  inputs?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  config?: Record<string, unknown>;
}

/** Baggage entries to set: string values (numbers and booleans are written as text). */
export type BaggageEntries = Record<string, string | number | boolean>;

/** What {@link TracerContextMixin} adds: sessions, baggage and cross-process context. */
export interface TracerContext {
  /**
   * Runs `fn` in a new session of this tracer: every span this tracer (and instrumentation bound to its
   * provider) starts in `fn`'s async context is stamped with it; other tracers are unaffected (the scope is a
   * context value of this tracer, never baggage). The session-start request goes out in the background.
   * Returns exactly what `fn` returns.
   */
  withSession<T>(options: SessionOptions | undefined, fn: (sessionId: string) => T): T;
  /** Starts a session (without entering it) and resolves with its id once the request finished. Never rejects. */
  createSession(options?: SessionOptions): Promise<string>;
  /** The session of this tracer's scope in `ctx` (default: the active context), else its own session. */
  currentSessionId(ctx?: Context): string;
  /** One W3C baggage value of `ctx` (default: the active context). */
  getBaggage(key: string, ctx?: Context): string | undefined;
  /**
   * Runs `fn` with `entries` added to the W3C baggage (which crosses process boundaries and is stamped as
   * `baggage.<key>`). Secret-like keys (api_key, token, password, …) and the API key itself are refused.
   */
  setBaggage<T>(entries: BaggageEntries, fn: () => T): T;
  /**
   * Writes `traceparent`, `tracestate` and `baggage` (with this tracer's current session, project and source)
   * into `carrier` (default: a new object) and returns it.
   */
  inject<C extends Record<string, string>>(carrier?: C, ctx?: Context): C;
  /**
   * A context with the remote parent span of `carrier`, its baggage, and this tracer's scope set from it: the
   * session id it carries (Python key variants accepted), its evaluation ids; project and source stay this
   * tracer's. Garbage never throws (it gives a context without a remote parent).
   */
  extract(carrier: HeaderCarrier, base?: Context): Context;
  /** Runs `fn` in {@link extract}`(carrier)`; returns exactly what `fn` returns. */
  withDistributedContext<T>(carrier: HeaderCarrier, fn: () => T): T;
}

function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * Adds sessions, baggage and inject/extract to a tracer class. Uses only the base's protected members
 * (see `HoneyHiveTracerBase`).
 */
export function TracerContextMixin<TBase extends TracerBaseConstructor>(Base: TBase): TBase & Constructor<TracerContext> {
  class TracerContextImpl extends Base implements TracerContext {
    withSession<T>(options: SessionOptions | undefined, fn: (sessionId: string) => T): T {
      let ctx: Context;
      let sessionId: string;
      try {
        sessionId = this.newSessionId(options?.sessionId);
        ctx = this.enterScope(otelContext.active(), { ...this.defaultScope(), sessionId });
        void this.startSessionRequest(this.sessionFields(sessionId, options));
      } catch (error) {
        this.policy.report('withSession', error);
        return fn(this.currentSessionId());
      }
      return otelContext.with(ctx, fn, undefined, sessionId);
    }

    createSession(options?: SessionOptions): Promise<string> {
      let created: Promise<string>;
      try {
        const sessionId = this.newSessionId(options?.sessionId);
        created = this.startSessionRequest(this.sessionFields(sessionId, options)).then(() => sessionId);
      } catch (error) {
        this.policy.report('createSession', error);
        created = Promise.resolve(this.sessionId);
      }
      // awaited, the start keeps the process alive until it settles; not awaited, it is background work
      return this.sessionClient.whenAwaited(created);
    }

    currentSessionId(ctx?: Context): string {
      try {
        return this.currentScope(ctx ?? otelContext.active()).sessionId ?? this.sessionId;
      } catch {
        return this.sessionId;
      }
    }

    getBaggage(key: string, ctx?: Context): string | undefined {
      try {
        return propagation.getBaggage(ctx ?? otelContext.active())?.getEntry(key)?.value;
      } catch {
        return undefined;
      }
    }

    setBaggage<T>(entries: BaggageEntries, fn: () => T): T {
      let ctx: Context;
      try {
        const active = otelContext.active();
        let baggage = propagation.getBaggage(active) ?? propagation.createBaggage();
        const apiKey = this.config.apiKey;
        for (const [key, raw] of Object.entries(entries ?? {})) {
          if (typeof raw !== 'string' && typeof raw !== 'number' && typeof raw !== 'boolean') continue;
          const value = String(raw);
          if (isSecretLikeKey(key) || (present(apiKey) && value.includes(apiKey))) {
            this.policy.report('setBaggage', new Error(`baggage key '${key}' was refused: secrets never go into baggage`));
            continue;
          }
          baggage = baggage.setEntry(key, { value });
        }
        ctx = propagation.setBaggage(active, baggage);
      } catch (error) {
        this.policy.report('setBaggage', error);
        return fn();
      }
      return otelContext.with(ctx, fn);
    }

    inject<C extends Record<string, string>>(carrier?: C, ctx?: Context): C {
      const target = (carrier ?? {}) as C;
      try {
        const active = ctx ?? otelContext.active();
        const apiKey = this.config.apiKey;
        const { baggageDrops } = injectContext(active, target, this.currentScope(active), { secretValues: present(apiKey) ? [apiKey] : [] });
        this.baggageDrops.add('inject', baggageDrops);
      } catch (error) {
        this.policy.report('inject', error);
      }
      return target;
    }

    extract(carrier: HeaderCarrier, base?: Context): Context {
      const start = base ?? otelContext.active();
      try {
        const { context: extracted, stamp, baggageDrops } = extractContext(carrier, start);
        this.baggageDrops.add('extract', baggageDrops);
        const scope: SpanStamp = { ...this.currentScope(start) };
        for (const field of ['sessionId', 'parentId', 'runId', 'datasetId', 'datapointId'] as const) {
          if (present(stamp[field])) scope[field] = stamp[field];
        }
        return this.enterScope(extracted, scope);
      } catch (error) {
        this.policy.report('extract', error);
        return start;
      }
    }

    withDistributedContext<T>(carrier: HeaderCarrier, fn: () => T): T {
      return otelContext.with(this.extract(carrier), fn);
    }

    /** The id of a session to open: the given UUID (lower-cased), else a new one. */
    private newSessionId(given: unknown): string {
      if (given === undefined || given === null || given === '') return generateSessionId();
      const normalized = normalizeSessionId(given);
      if (normalized !== undefined) return normalized;
      this.policy.report('withSession', new Error(`sessionId '${String(given).slice(0, 60)}' is not a UUID; a new session id is used instead`));
      return generateSessionId();
    }

    private sessionFields(sessionId: string, options: SessionOptions | undefined) {
      return {
        sessionId,
        sessionName: present(options?.sessionName) ? options.sessionName : this.config.sessionName,
        source: this.config.source,
        project: this.config.project,
        inputs: options?.inputs,
        metadata: options?.metadata,
        userProperties: options?.userProperties,
        config: options?.config,
      };
    }
  }
  return TracerContextImpl;
}
