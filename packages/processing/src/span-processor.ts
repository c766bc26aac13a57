import { context as otelContext, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR, errorMessage, setOwnAttribute, type Logger } from '@honeyhive/utils';
import type { CountingExportProcessor } from './counting-export-processor';
import { EventTypeTracker } from './event-type-tracker';
import { createExportStage } from './export-stage';
import { RateLimitedLog } from '@honeyhive/utils';
import { createSpanNameFilter, type SpanNamePattern, type SpanNamePredicate } from './span-name-filter';
import { spanExceedsBytes } from './span-size';
import { withAttributes } from './span-view';
import { StampResolver, type ResolvedStamp } from './stamp-resolver';
import type { BatchOptions, ProcessorStats, SpanStamp } from './types';

/** Options of {@link HoneyHiveSpanProcessor}. */
export interface HoneyHiveSpanProcessorOptions {
  /** Where spans go (see `createOtlpExporter`). The processor shuts it down on `shutdown()`. */
  exporter: SpanExporter;
  /**
   * Export each span as it ends instead of batching (`disableBatch`), with a few requests in flight
   * at most; spans ending meanwhile wait in the queue (`batch.maxQueueSize`) and leave together.
   */
  disableBatch?: boolean;
  /** Queue and batch limits; unset fields come from the `long-running` export profile. */
  batch?: Partial<BatchOptions>;
  /**
   * The owning tracer's own scope for a span about to start (session, project, …). Its fields win
   * over the parent context's baggage, which wins over `defaults`. Called once per span; must be fast.
   */
  resolveStamp?: (parentContext: Context) => SpanStamp | undefined;
  /** Fallback values, e.g. the tracer's configured session, project and source. */
  defaults?: SpanStamp;
  /** Only spans whose name matches one of these are exported (string = exact name). */
  includeSpanNames?: SpanNamePattern[];
  /** Spans whose name matches one of these are not exported; wins over `includeSpanNames`. */
  excludeSpanNames?: SpanNamePattern[];
  /** Read HoneyHive keys and `baggage.<key>` attributes from W3C baggage (default true). */
  readBaggage?: boolean;
  /** Also stamp the `traceloop.association.properties.<k>` twins (default true). */
  stampTraceloopTwins?: boolean;
  /**
   * The owning tracer's `disableHttpTracing`: with the twins, every span also gets
   * `traceloop.association.properties.disable_http_tracing` = `'true'` / `'false'`, as npm honeyhive 1.x stamped.
   */
  disableHttpTracing?: boolean;
  /** Rate-limited diagnostics (drops, export failures); silent when absent. */
  logger?: Logger;
  /**
   * Receives each failed or timed-out export (after retries) instead of the logger, e.g. to route it
   * through an error policy. A throw from it is ignored.
   */
  onExportFailed?: (error: Error, spanCount: number, timedOut: boolean) => void;
  /**
   * A span whose estimated encoded size is above this many bytes is not exported: it is counted as dropped
   * (`too_large`). Default: no limit here (only a span too large for an export request alone is dropped).
   */
  maxSpanBytes?: number;
}

function hasSession(span: ReadableSpan): boolean {
  const value = span.attributes[ATTR.SESSION_ID];
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The HoneyHive span processor: stamps every span with the HoneyHive context (docs/wire-contract.md "Span
 * attributes"), decides its event type, filters it, and hands it to a bounded batch (or simple)
 * export stage, counting every span on the way (`stats()`).
 *
 * Precedence of each stamped value: an attribute the caller set on the span at start > the
 * owning tracer's scope (`resolveStamp`) > the parent context's W3C baggage > `defaults`.
 * A span is exported only when it ends with a `honeyhive.session_id`. The stamped keys sit on top
 * of the span's attribute-count limit: a span that starts with more attributes than the limit loses
 * some of those, never its session.
 */
export class HoneyHiveSpanProcessor implements SpanProcessor {
  private readonly inner: CountingExportProcessor;
  private readonly nameFilter: SpanNamePredicate;
  private readonly eventTypes = new EventTypeTracker();
  private readonly log: RateLimitedLog;
  private readonly stamps: StampResolver;
  private started = 0;
  private ended = 0;
  private abandoned = 0;
  private filtered = 0;
  private noSession = 0;
  private oversized = 0;
  private readonly maxSpanBytes: number | undefined;
  /** Lost spans (see `lostSoFar`) a flush has already answered `false` for. */
  private lossesAnswered = 0;
  /** Set when the process exits: pending spans are then lost. */
  private exited = false;

  /** @param options the exporter and how to stamp, filter and batch. */
  constructor(options: HoneyHiveSpanProcessorOptions) {
    this.log = new RateLimitedLog(options.logger);
    this.nameFilter = createSpanNameFilter(options.includeSpanNames, options.excludeSpanNames);
    this.stamps = new StampResolver({
      resolveStamp: options.resolveStamp,
      defaults: options.defaults,
      readBaggage: options.readBaggage,
      stampTraceloopTwins: options.stampTraceloopTwins,
      disableHttpTracing: options.disableHttpTracing,
      onResolveError: (error) => this.log.note('resolve_error', 'warn', () => `HoneyHive: resolveStamp threw: ${errorMessage(error)}`),
    });
    this.inner = createExportStage(options, this.log);
    this.maxSpanBytes = options.maxSpanBytes;
  }

  /**
   * Replaces the fallback values (`defaults`), e.g. when the owning tracer switches its own session: spans that start
   * from now on are stamped with them; spans already started keep what they have. Never throws.
   */
  setDefaults(defaults: SpanStamp): void {
    try {
      this.stamps.setDefaults(Object.isFrozen(defaults) ? defaults : Object.freeze({ ...defaults }));
    } catch (error) {
      this.log.note('stamp_error', 'warn', () => `HoneyHive: could not change the stamp defaults: ${errorMessage(error)}`);
    }
  }

  /**
   * The session id a span started in `parentContext` is stamped with (tracer scope > baggage > defaults), for the
   * session sampler, which decides before `onStart`. Undefined when none; never throws.
   */
  sessionIdOf(parentContext: Context): string | undefined {
    try {
      return this.stamps.resolve(parentContext).sessionId;
    } catch {
      return undefined;
    }
  }

  /** Stamps the HoneyHive attributes and the start-time event type. Never throws. */
  onStart(span: Span, parentContext: Context): void {
    this.started++;
    try {
      const ctx = parentContext ?? otelContext.active();
      const stamp = this.noted(this.stamps.resolve(ctx));
      const { attributes } = span;
      const stamped = stamp.attributes;
      for (let i = 0; i < stamped.length; i++) {
        const [key, value] = stamped[i] as readonly [string, string];
        // on top of the attribute limit: a span that starts full must not lose its session
        if (attributes[key] === undefined) setOwnAttribute(span, key, value);
      }
      const type = this.eventTypes.atStart(span, span.attributes, stamp.eventType);
      if (type !== undefined) setOwnAttribute(span, ATTR.EVENT_TYPE, type);
    } catch (error) {
      this.log.note('stamp_error', 'warn', () => `HoneyHive: could not stamp a span: ${errorMessage(error)}`);
    }
  }

  /** Applies the end-time event type while the span can still be written (SDKs that have `onEnding` call this; onEnd covers the others). */
  onEnding(span: Span): void {
    try {
      const type = this.eventTypes.atEnd(span, span.attributes);
      if (type !== undefined) span.setAttribute(ATTR.EVENT_TYPE, type);
    } catch {
      // onEnd falls back to a patched view
    }
  }

  /** Filters, checks the session, and queues the span for export; counts what it does not export. */
  onEnd(span: ReadableSpan): void {
    this.ended++;
    if (span.attributes[ATTR.ABANDONED] === true) this.abandoned++;
    try {
      if (!this.nameFilter(span.name)) {
        this.filtered++;
        this.log.note('filtered', 'debug', () => `HoneyHive: span "${span.name}" not exported (span-name filter)`);
        return;
      }
      if (!hasSession(span)) {
        this.noSession++;
        this.log.note('no_session', 'warn', () => `HoneyHive: span "${span.name}" has no session id and is not exported`);
        return;
      }
      // A provider that does not call onEnding leaves the decision to here; the ended span is
      // read-only, so the exporter gets a view with patched attributes.
      const type = this.eventTypes.atEnd(span, span.attributes);
      if (this.maxSpanBytes !== undefined && spanExceedsBytes(span, this.maxSpanBytes)) {
        this.oversized++;
        this.log.note('too_large', 'warn', () => `HoneyHive: span "${span.name}" is larger than maxSpanSize (${this.maxSpanBytes} bytes) and is not exported`);
        return;
      }
      this.inner.onEnd(type === undefined ? span : withAttributes(span, { ...span.attributes, [ATTR.EVENT_TYPE]: type }));
    } catch (error) {
      // onEnd counted it as ended; account for it so the invariant holds
      this.filtered++;
      this.log.note('end_error', 'warn', () => `HoneyHive: could not process an ended span: ${errorMessage(error)}`);
    }
  }

  /** Exports everything queued and waits for exports in flight. Never rejects. */
  async forceFlush(): Promise<void> {
    try {
      await this.inner.forceFlush();
    } catch {
      // never rejects into the host
    }
  }

  /**
   * {@link forceFlush}, resolving whether everything was delivered: false when any span was lost (export
   * failed, no session, queue full, too large) since the previous flush answered, up to the moment every
   * span that ended before this call was settled; so a flush answers for all the spans that ended before
   * it, including those dropped before it was called. Spans the name filters left out on purpose do not
   * count. Never rejects.
   */
  async flushDelivered(): Promise<boolean> {
    const since = this.lossesAnswered;
    await this.forceFlush();
    const lost = this.lostSoFar();
    this.lossesAnswered = Math.max(this.lossesAnswered, lost);
    return lost <= since;
  }

  /**
   * The process is exiting (no asynchronous work runs any more): what is still queued or in flight will
   * never be delivered, and is counted from now on as dropped (`process_exit`) instead of pending. Returns
   * how many spans that is.
   */
  abandonPending(): number {
    this.exited = true;
    const { queued, inFlight } = this.inner.counts();
    return queued + inFlight;
  }

  private lostSoFar(): number {
    const { failed, dropped } = this.stats();
    return failed + dropped.no_session + dropped.queue_full + dropped.too_large;
  }

  /** Refuses further spans, flushes, and shuts the exporter down. Idempotent; never rejects. */
  async shutdown(): Promise<void> {
    try {
      await this.inner.shutdown();
    } catch {
      // never rejects into the host
    }
  }

  /** A snapshot of the counters; see {@link ProcessorStats} for the invariant. */
  stats(): ProcessorStats {
    const inner = this.inner.counts();
    const lostAtExit = this.exited ? inner.queued + inner.inFlight : 0;
    return {
      started: this.started,
      ended: this.ended,
      exported: inner.exported,
      failed: inner.failed,
      dropped: {
        no_session: this.noSession,
        filtered: this.filtered,
        queue_full: inner.queueFull,
        too_large: inner.tooLarge + this.oversized,
        shutdown: inner.afterShutdown,
        process_exit: lostAtExit,
      },
      queued: this.exited ? 0 : inner.queued,
      inFlight: this.exited ? 0 : inner.inFlight,
      abandoned: this.abandoned,
    };
  }

  private noted(resolved: ResolvedStamp): ResolvedStamp {
    if (resolved.badBaggageSession) {
      this.log.note('bad_baggage_session', 'debug', () => 'HoneyHive: ignoring a baggage session_id that is not a UUID');
    }
    return resolved;
  }
}
