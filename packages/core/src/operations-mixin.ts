import {
  INVALID_SPAN_CONTEXT,
  context as otelContext,
  trace,
  type Attributes,
  type Context,
  type Link,
  type Span,
  type SpanKind,
  type SpanOptions,
  type TimeInput,
} from '@opentelemetry/api';
import { isSpanEventType } from '@honeyhive/utils';
import { applyEnrichment, enrichmentAttributes, type EnrichmentFields, type EnrichmentLimits } from './enrichment';
import type { CreateEventFields, EventUpdateFields } from './event-payloads';
import type { Constructor, TracerBaseConstructor } from './mixin-types';
import { runInSpan } from './span-runner';

/** Options of `startSpan` / `startActiveSpan`: OpenTelemetry's span options plus HoneyHive's fields. */
export interface StartSpanOptions extends Omit<EnrichmentFields, 'eventType' | 'attributes' | 'error'> {
  /** `model` | `tool` | `chain`: stamped as the explicit event type (wins over detection). */
  eventType?: string;
  /** Plain span attributes (set after the HoneyHive fields, so they win on a clash). */
  attributes?: Attributes;
  /** Span kind (default INTERNAL). */
  kind?: SpanKind;
  /** Parent context (default: the active context). */
  parent?: Context;
  links?: Link[];
  startTime?: TimeInput;
  /** Start a new trace even when the context has an active span. */
  root?: boolean;
}

/** Fields of `enrichSession`: merged into the session (outputs replace; inputs go to `metadata.inputs`). */
export type EnrichSessionFields = EventUpdateFields;

/** Fields of `createEvent`; `eventName` is required, the session and parent default to the current scope. */
export type CreateEventOptions = CreateEventFields;

/** What {@link TracerOperationsMixin} adds: spans and events. */
export interface TracerOperations {
  /**
   * Runs `fn` inside a new span of this tracer (active, in this tracer's scope), ends it when `fn` returns or
   * its promise settles, records a thrown error (status ERROR, the exception, `honeyhive_error`,
   * `honeyhive_error_type`) and rethrows the same error. Returns exactly what `fn` returned (the same promise).
   */
  startSpan<T>(name: string, fn: (span: Span) => T): T;
  startSpan<T>(name: string, options: StartSpanOptions | undefined, fn: (span: Span) => T): T;
  /** Starts a span the caller ends (it is not made active). */
  startSpan(name: string, options?: StartSpanOptions): Span;
  /** OpenTelemetry's `startActiveSpan` on this tracer (in its scope): `fn` gets the span and must end it. */
  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: StartSpanOptions, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(name: string, options: StartSpanOptions, ctx: Context, fn: F): ReturnType<F>;
  /**
   * Creates one event in the current scope's session (`POST /v1/events`), under the active span of this
   * tracer unless `parentId` is given. Resolves with the event id, or undefined when it failed (reported).
   */
  createEvent(event: CreateEventOptions): Promise<string | undefined>;
  /**
   * Adds fields to the active span of this tracer (flattened under the docs/wire-contract.md prefixes). Returns false,
   * doing nothing, when no span of this tracer is active.
   */
  enrichSpan(fields: EnrichmentFields): boolean;
  /** Merges fields into the current scope's session (or `sessionId`'s). Resolves true when the backend took it. */
  enrichSession(fields: EnrichSessionFields, sessionId?: string): Promise<boolean>;
}

function spanOptions(options: StartSpanOptions, limits: EnrichmentLimits): SpanOptions {
  const fields: EnrichmentFields = { ...options, attributes: options.attributes };
  if (!isSpanEventType(options.eventType)) delete fields.eventType;
  const result: SpanOptions = { attributes: enrichmentAttributes(fields, limits) };
  if (options.kind !== undefined) result.kind = options.kind;
  if (options.links !== undefined) result.links = options.links;
  if (options.startTime !== undefined) result.startTime = options.startTime;
  if (options.root !== undefined) result.root = options.root;
  return result;
}

function isOptions(value: unknown): value is StartSpanOptions {
  return value !== null && typeof value === 'object';
}

/**
 * Adds spans and events to a tracer class: `startSpan`, `startActiveSpan`, `createEvent`, `enrichSpan`,
 * `enrichSession`. Uses only the base's protected members (see `HoneyHiveTracerBase`).
 */
export function TracerOperationsMixin<TBase extends TracerBaseConstructor>(Base: TBase): TBase & Constructor<TracerOperations> {
  class TracerOperationsImpl extends Base implements TracerOperations {
    startSpan<T>(name: string, fn: (span: Span) => T): T;
    startSpan<T>(name: string, options: StartSpanOptions | undefined, fn: (span: Span) => T): T;
    startSpan(name: string, options?: StartSpanOptions): Span;
    startSpan<T>(name: string, optionsOrFn?: StartSpanOptions | ((span: Span) => T), maybeFn?: (span: Span) => T): T | Span {
      const fn = typeof optionsOrFn === 'function' ? optionsOrFn : maybeFn;
      const options = isOptions(optionsOrFn) ? optionsOrFn : {};
      let span: Span;
      let ctx: Context;
      try {
        ctx = this.enterScope(options.parent ?? otelContext.active());
        if (options.eventType !== undefined && !isSpanEventType(options.eventType)) {
          this.policy.report('startSpan', new Error(`eventType '${String(options.eventType)}' is not model, tool or chain; it is detected instead`));
        }
        span = this.otelTracer.startSpan(String(name), spanOptions(options, this.enrichmentLimits), ctx);
      } catch (error) {
        this.policy.report('startSpan', error);
        ctx = otelContext.active();
        span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
      }
      if (typeof fn !== 'function') return span;
      return runInSpan(span, ctx, fn);
    }

    startActiveSpan<F extends (span: Span) => unknown>(name: string, ...args: unknown[]): ReturnType<F> {
      const fn = args[args.length - 1] as F;
      const options = isOptions(args[0]) && args.length > 1 ? (args[0] as StartSpanOptions) : {};
      const given = args.length > 2 ? (args[1] as Context | undefined) : undefined;
      let ctx: Context;
      let opts: SpanOptions;
      try {
        ctx = this.enterScope(given ?? options.parent ?? otelContext.active());
        opts = spanOptions(options, this.enrichmentLimits);
      } catch (error) {
        this.policy.report('startActiveSpan', error);
        ctx = otelContext.active();
        opts = {};
      }
      return this.otelTracer.startActiveSpan(String(name), opts, ctx, fn) as ReturnType<F>;
    }

    createEvent(event: CreateEventOptions): Promise<string | undefined> {
      let created: Promise<string | undefined>;
      try {
        const ctx = otelContext.active();
        const scope = this.currentScope(ctx);
        const active = trace.getSpan(ctx);
        const parentId = event?.parentId ?? (active !== undefined && this.ownsSpan(active) ? active.spanContext().spanId : undefined);
        created = this.sessionClient
          .createEvent({
            ...event,
            eventName: typeof event?.eventName === 'string' && event.eventName !== '' ? event.eventName : 'event',
            sessionId: event?.sessionId ?? scope.sessionId ?? this.sessionId,
            parentId,
            source: event?.source ?? scope.source,
            project: event?.project ?? scope.project,
          })
          .then((result) => (result.ok ? result.eventId : undefined));
      } catch (error) {
        this.policy.report('createEvent', error);
        created = Promise.resolve(undefined);
      }
      // awaited, the call keeps the process alive until it settles; not awaited, it is background work
      return this.sessionClient.whenAwaited(created);
    }

    enrichSpan(fields: EnrichmentFields): boolean {
      try {
        const span = trace.getSpan(otelContext.active());
        if (span === undefined || !this.ownsSpan(span)) return false;
        return applyEnrichment(span, fields, this.enrichmentLimits);
      } catch (error) {
        this.policy.report('enrichSpan', error);
        return false;
      }
    }

    enrichSession(fields: EnrichSessionFields, sessionId?: string): Promise<boolean> {
      let updated: Promise<boolean>;
      try {
        const id = typeof sessionId === 'string' && sessionId.trim() !== '' ? sessionId.trim() : this.currentScope(otelContext.active()).sessionId ?? this.sessionId;
        updated = this.sessionClient.updateEvent(id, fields).then((result) => result.ok);
      } catch (error) {
        this.policy.report('enrichSession', error);
        updated = Promise.resolve(false);
      }
      // awaited, the call keeps the process alive until it settles; not awaited, it is background work
      return this.sessionClient.whenAwaited(updated);
    }
  }
  return TracerOperationsImpl;
}
