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
import { isSpanEventType, type EnrichSessionFields } from '@honeyhive/utils';
import { applyEnrichment, enrichmentAttributes, type EnrichmentFields, type EnrichmentLimits } from './enrichment';
import type { CreateEventFields } from './event-payloads';
import { eventUpdateOf } from './event-update-of';
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

export type { EnrichSessionFields };

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
   * With `eventId`: {@link TracerOperations.enrichEvent} (the Python SDK's `enrich_span(event_id=…)`), resolving
   * whether it was applied.
   */
  enrichSpan(fields: EnrichmentFields & { eventId: string }): Promise<boolean>;
  /**
   * Adds fields to the active span of this tracer (flattened under the docs/wire-contract.md prefixes). Returns false,
   * doing nothing, when no span of this tracer is active.
   */
  enrichSpan(fields: EnrichmentFields): boolean;
  /**
   * Adds fields to one event named by its id, not the active span (the Python SDK's `enrich_span(event_id=…)`). A
   * span of this tracer that is still open (`eventId` is its span id) is enriched in place, exported with the rest
   * of it. Any other id (a span that ended, an event from `createEvent`, a session) gets an event update through the
   * API (`PUT /v1/events/{id}`): groups merged, outputs replaced, inputs under `metadata.inputs`, `attributes`
   * merged into `metadata`; `eventName` / `eventType` cannot change there and are left out. The update of a span
   * that ended moments ago can reach the backend before the span does: `await tracer.flush()` first. Resolves true
   * when applied; false, without rejecting, otherwise (reported).
   */
  enrichEvent(eventId: string, fields: EnrichmentFields): Promise<boolean>;
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

/** The `eventId` field of enrichment fields (an own data property), if given. */
function eventIdOf(fields: unknown): unknown {
  if (fields === null || typeof fields !== 'object') return undefined;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(fields, 'eventId');
    return descriptor !== undefined && 'value' in descriptor && descriptor.value !== undefined && descriptor.value !== null ? descriptor.value : undefined;
  } catch {
    return undefined;
  }
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

    enrichSpan(fields: EnrichmentFields & { eventId: string }): Promise<boolean>;
    enrichSpan(fields: EnrichmentFields): boolean;
    enrichSpan(fields: EnrichmentFields & { eventId?: unknown }): boolean | Promise<boolean> {
      const eventId = eventIdOf(fields);
      // enrichEvent reads neither eventId nor anything but the enrichment fields: `fields` goes as it is
      if (eventId !== undefined) return this.enrichEvent(eventId as string, fields);
      try {
        const span = trace.getSpan(otelContext.active());
        if (span === undefined || !this.ownsSpan(span)) return false;
        return applyEnrichment(span, fields, this.enrichmentLimits);
      } catch (error) {
        this.policy.report('enrichSpan', error);
        return false;
      }
    }

    enrichEvent(eventId: string, fields: EnrichmentFields): Promise<boolean> {
      let applied: Promise<boolean>;
      try {
        const id = typeof eventId === 'string' ? eventId.trim() : '';
        if (id === '') throw new Error(`eventId must be a non-empty string (a span id, an event id or a session id), got ${typeof eventId}`);
        const span = this.openSpan(id.toLowerCase());
        if (span !== undefined && span.isRecording()) return Promise.resolve(applyEnrichment(span, fields ?? {}, this.enrichmentLimits));
        const { fields: update, ignored } = eventUpdateOf(fields, this.redaction);
        if (ignored.length > 0) this.logger.debug(`HoneyHive: enrichEvent: ${ignored.join(' and ')} cannot change on a stored event and ${ignored.length > 1 ? 'were' : 'was'} left out`);
        applied = this.sessionClient.updateEvent(id, update).then((result) => result.ok);
      } catch (error) {
        this.policy.report('enrichEvent', error);
        applied = Promise.resolve(false);
      }
      // awaited, the call keeps the process alive until it settles; not awaited, it is background work
      return this.sessionClient.whenAwaited(applied);
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
