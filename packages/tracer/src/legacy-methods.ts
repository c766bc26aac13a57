import { context as otelContext, type Context } from '@opentelemetry/api';
import {
  flushAll,
  type Constructor,
  type HoneyHiveTracerBase,
  type TracerBaseConstructor,
  type TracerOperations,
} from '@honeyhive/core';
import {
  enrichSpan as enrichActiveSpan,
  trace as traceFn,
  type AnyFunction,
  type TraceMethodDecorator,
} from '@honeyhive/instrumentation';
import { normalizeSessionId } from '@honeyhive/utils';
import { methodTraceOptions, toTraceOptions } from './legacy-trace-options';
import type { EnrichSessionParams, EnrichSpanParams, TraceFunctionOptions } from './legacy-types';
import { decorateWithTracer, isLegacyDecoratorCall, isStandardDecoratorCall } from './method-decorator';
import { scopedFunction } from './scoped-function';

/** The instance methods and properties of npm `honeyhive` 1.x's `HoneyHiveTracer` that {@link LegacyTracerMixin} adds. */
export interface LegacyTracerMethods {
  /**
   * `tracer.traceFunction(options)(fn)`: wraps `fn` in a span of this tracer (see `trace()` of
   * `@honeyhive/instrumentation`); traced functions called inside use this tracer too.
   * @deprecated Use `trace(fn, { tracer, ...options })`.
   */
  traceFunction(options?: TraceFunctionOptions): <T extends AnyFunction>(fn: T) => T;
  /** `tracer.traceModel(fn, options)`: {@link LegacyTracerMethods.traceFunction} with `eventType: 'model'`. */
  traceModel<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F;
  /** `tracer.traceTool(fn, options)`: with `eventType: 'tool'`. */
  traceTool<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F;
  /** `tracer.traceChain(fn, options)`: with `eventType: 'chain'`. */
  traceChain<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F;
  /**
   * `@tracer.trace` on a method (standard decorators): each call is a span of this tracer named after the method,
   * and its body runs in this tracer's scope. `tracer.trace` is bound to the tracer, so it works as a decorator.
   */
  trace<This, F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<This, F>): F;
  /**
   * `tracer.trace(fn, ...args)`: calls `fn(...args)` once, in this tracer's scope (no span of its own), so that
   * traced functions inside use this tracer and its session. Returns or throws exactly what `fn` does.
   */
  trace<A extends unknown[], F extends (...args: A) => ReturnType<F>>(fn: F, ...args: A): ReturnType<F>;
  /** `@tracer.trace` on a method (legacy `experimentalDecorators`). */
  trace<T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
  /**
   * `@tracer.trace()` / `@tracer.trace({ eventType: 'tool', eventName, ... })`: a method decorator (either mode) with
   * these options (those of `trace()`, `eventType` in any case).
   */
  trace(options?: TraceFunctionOptions): TraceMethodDecorator;
  /**
   * This tracer's own session. Assigning a session UUID (npm `honeyhive` 1.x's `tracer.sessionId = id`) switches to
   * it: spans that start from then on outside a `withSession` scope carry it, and `enrichSession()` and `inject()`
   * use it; spans already started keep theirs. The session is announced to the backend (idempotent: an existing
   * session is continued unchanged). A value that is not a UUID changes nothing and logs one line (1.x threw).
   */
  sessionId: string;
  /**
   * Records one `model` span (named `eventName`, default `'logModel'`) with these fields.
   * @deprecated Use `tracer.startSpan(name, { eventType: 'model', ...fields }, () => …)`.
   */
  logModel(params?: EnrichSpanParams): void;
  /**
   * Updates a session: `params.sessionId`, else `sessionId`, else the current scope's session. Resolves true when
   * the backend took it; never rejects.
   */
  enrichSession(params?: EnrichSessionParams, sessionId?: string): Promise<boolean>;
  /**
   * Makes sure this tracer's session was started and resolves with its id (the tracer starts it itself; this
   * only waits for that request). Never rejects.
   */
  startSession(): Promise<string>;
  /** The project name (option `project` / `HH_PROJECT`), if set. */
  readonly project: string | undefined;
  /** The environment label (`source` / `HH_SOURCE`). */
  readonly source: string;
  /** The session name (`sessionName` / `HH_SESSION_NAME`). */
  readonly sessionName: string;
  /** The HoneyHive API base URL (`serverUrl` / `HH_API_URL`). */
  readonly serverUrl: string;
  /** The session inputs given to `init`. */
  readonly inputs: Record<string, unknown> | undefined;
  /** The session metadata given to `init`. */
  readonly metadata: Record<string, unknown> | undefined;
  /** Whether `verbose` is on. */
  readonly verbose: boolean;
  /** Whether spans are exported one by one. */
  readonly disableBatch: boolean;
  /** Whether outgoing HTTP calls are left untraced. */
  readonly disableHttpTracing: boolean;
  /** Whether the tracer runs inside an evaluation. */
  readonly isEvaluation: boolean;
  /** The evaluation run id, if any. */
  readonly runId: string | undefined;
  /** The evaluation dataset id, if any. */
  readonly datasetId: string | undefined;
  /** The evaluation datapoint id, if any. */
  readonly datapointId: string | undefined;
}

/** The static methods npm `honeyhive` 1.x's `HoneyHiveTracer` had, added by {@link LegacyTracerMixin}. */
export interface LegacyTracerStatics {
  /** Flushes every running tracer. Resolves true when all delivered; never rejects. */
  flush(timeoutMs?: number): Promise<boolean>;
  /**
   * Enriches the active span (any tracer's).
   * @deprecated Use the exported `enrichSpan` function.
   */
  enrichSpan(params?: EnrichSpanParams): void;
}

type OperationsConstructor = TracerBaseConstructor<HoneyHiveTracerBase & TracerOperations>;

/**
 * Adds the npm `honeyhive` 1.x tracer API (`traceFunction`, `traceModel`/`traceTool`/`traceChain`, `trace`,
 * `logModel`, `startSession`, `enrichSession({ sessionId })`, the 1.x property getters, static `flush` and
 * `enrichSpan`) to a tracer class that has `TracerOperationsMixin`. Uses only the base's protected members.
 */
export function LegacyTracerMixin<TBase extends OperationsConstructor>(
  Base: TBase,
): TBase & Constructor<LegacyTracerMethods> & LegacyTracerStatics {
  class LegacyTracerImpl extends Base implements LegacyTracerMethods {
    constructor(...args: any[]) {
      super(...args);
      // decorators call `@tracer.trace` without a receiver: the method (a subclass's override included) is bound to its tracer
      const trace = (this as { trace: AnyFunction }).trace;
      Object.defineProperty(this, 'trace', { value: trace.bind(this), writable: true, configurable: true, enumerable: false });
    }

    static flush(timeoutMs?: number): Promise<boolean> {
      return flushAll(timeoutMs);
    }

    static enrichSpan(params?: EnrichSpanParams): void {
      enrichActiveSpan(params ?? {});
    }

    traceFunction(options?: TraceFunctionOptions): <T extends AnyFunction>(fn: T) => T {
      return <T extends AnyFunction>(fn: T): T => {
        if (typeof fn !== 'function') return fn;
        const traced = traceFn(fn, { ...toTraceOptions(options, fn), tracer: this });
        return scopedFunction(traced, (active) => this.enterScopeOf(active));
      };
    }

    traceModel<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F {
      return this.traceFunction({ ...options, eventType: 'model' })(fn);
    }

    traceTool<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F {
      return this.traceFunction({ ...options, eventType: 'tool' })(fn);
    }

    traceChain<F extends AnyFunction>(fn: F, options?: Omit<TraceFunctionOptions, 'eventType'>): F {
      return this.traceFunction({ ...options, eventType: 'chain' })(fn);
    }

    trace<This, F extends AnyFunction>(value: F, context: ClassMethodDecoratorContext<This, F>): F;
    trace<A extends unknown[], F extends (...args: A) => ReturnType<F>>(fn: F, ...args: A): ReturnType<F>;
    trace<T>(target: object, propertyKey: string | symbol, descriptor: TypedPropertyDescriptor<T>): TypedPropertyDescriptor<T>;
    trace(options?: TraceFunctionOptions): TraceMethodDecorator;
    trace(...given: unknown[]): unknown {
      const enter = (active: Context) => this.enterScopeOf(active);
      if (isStandardDecoratorCall(given) || isLegacyDecoratorCall(given)) return decorateWithTracer(this, enter, {}, given);
      const [fn, ...args] = given;
      if (typeof fn !== 'function') {
        // not npm 1.x's trace(fn, ...args), which needs a function: a decorator factory
        const options = methodTraceOptions(fn as TraceFunctionOptions | undefined);
        return ((...decoratorArgs: unknown[]) => decorateWithTracer(this, enter, options, decoratorArgs)) as TraceMethodDecorator;
      }
      return this.runInScope(fn as AnyFunction, args);
    }

    private runInScope(fn: AnyFunction, args: unknown[]): unknown {
      const active = otelContext.active();
      let ctx: Context;
      try {
        ctx = this.enterScopeOf(active);
      } catch {
        ctx = active;
      }
      return otelContext.with(ctx, fn, undefined, ...args);
    }

    override get sessionId(): string {
      return super.sessionId;
    }

    override set sessionId(value: string) {
      try {
        const id = normalizeSessionId(value);
        if (id === undefined) {
          const shown = typeof value === 'string' ? `'${value.slice(0, 60)}'` : `a ${typeof value}`;
          this.policy.report('sessionId', new Error(`sessionId: ${shown} is not a session UUID; the tracer keeps its session ${super.sessionId}. Fix: assign a UUID (e.g. crypto.randomUUID())`));
          return;
        }
        if (id === super.sessionId) return;
        void this.switchOwnSession(id);
        this.logger.debug(`HoneyHive: switched to session ${id}; spans that start from now on outside withSession carry it`);
      } catch (error) {
        this.policy.report('sessionId', error);
      }
    }

    logModel(params?: EnrichSpanParams): void {
      try {
        const fields = params !== null && typeof params === 'object' ? params : {};
        const name = typeof fields.eventName === 'string' && fields.eventName !== '' ? fields.eventName : 'logModel';
        this.startSpan(name, { eventType: 'model' }, () => {
          this.enrichSpan({ ...fields, error: fields.error ?? undefined });
        });
      } catch (error) {
        this.policy.report('logModel', error);
      }
    }

    override enrichSession(params?: EnrichSessionParams, sessionId?: string): Promise<boolean> {
      const given = params ?? {}; // 1.x allowed enrichSession() with no argument
      if (typeof given !== 'object') return super.enrichSession(given, sessionId);
      const { sessionId: fromParams, ...fields } = given;
      return super.enrichSession(fields, sessionId ?? fromParams);
    }

    async startSession(): Promise<string> {
      await this.ready;
      return this.sessionId;
    }

    get project(): string | undefined {
      return this.config.project;
    }

    get source(): string {
      return this.config.source;
    }

    get sessionName(): string {
      return this.config.sessionName;
    }

    get serverUrl(): string {
      return this.config.serverUrl;
    }

    get inputs(): Record<string, unknown> | undefined {
      return this.config.inputs;
    }

    get metadata(): Record<string, unknown> | undefined {
      return this.config.metadata;
    }

    get verbose(): boolean {
      return this.config.verbose;
    }

    get disableBatch(): boolean {
      return this.config.disableBatch;
    }

    get disableHttpTracing(): boolean {
      return this.config.disableHttpTracing;
    }

    get isEvaluation(): boolean {
      return this.config.isEvaluation;
    }

    get runId(): string | undefined {
      return this.config.runId;
    }

    get datasetId(): string | undefined {
      return this.config.datasetId;
    }

    get datapointId(): string | undefined {
      return this.config.datapointId;
    }

    private enterScopeOf(active: Context): Context {
      return this.enterScope(active);
    }
  }
  return LegacyTracerImpl;
}
