import { context as otelContext, propagation, type Baggage, type Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanExporter, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ATTR, errorMessage, normalizeSessionId, setOwnAttribute, type Logger } from '@honeyhive/utils';
import { normalizeBatchOptions } from './batch-options';
import { BoundedBatchProcessor } from './bounded-batch-processor';
import type { CountingExportProcessor, ExportEvents } from './counting-export-processor';
import { EventTypeTracker } from './event-type-tracker';
import { EXPORT_PROFILES } from './export-profiles';
import { RateLimitedLog } from './rate-limited-log';
import { IMMEDIATE_MAX_IN_FLIGHT, SimpleExportProcessor } from './simple-export-processor';
import { createSpanNameFilter, type SpanNamePattern, type SpanNamePredicate } from './span-name-filter';
import { withAttributes } from './span-view';
import { mergeStamps, readBaggageOf, stampAttributes, type BaggageReading } from './stamp';
import type { BatchOptions, ProcessorStats, SpanStamp } from './types';

/** Options of {@link HoneyHiveSpanProcessor}. */
export interface HoneyHiveSpanProcessorOptions {
  /** Where spans go (see `createOtlpExporter`). The processor shuts it down on `shutdown()`. */
  exporter: SpanExporter;
  /**
   * Export each span as it ends instead of batching (`HH_DISABLE_BATCH`), with a few requests in flight
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
  /** Rate-limited diagnostics (drops, export failures); silent when absent. */
  logger?: Logger;
  /**
   * Receives each failed or timed-out export (after retries) instead of the logger, e.g. to route it
   * through an error policy. A throw from it is ignored.
   */
  onExportFailed?: (error: Error, spanCount: number, timedOut: boolean) => void;
}

const NO_BAGGAGE: BaggageReading = Object.freeze({ stamp: {}, extra: [] }) as BaggageReading;

/** A resolved stamp, ready to apply: the attributes to set (unless the span has them) and the explicit type. */
interface ResolvedStamp {
  readonly attributes: ReadonlyArray<readonly [key: string, value: string]>;
  readonly eventType: string | undefined;
  /** The baggage carried a session id that is not a UUID (noted on every span, as it is ignored on every span). */
  readonly badBaggageSession: boolean;
}

/** Cache key standing for "no own scope" / "no baggage". */
const NONE: object = Object.freeze({});

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
  private readonly readsBaggage: boolean;
  private readonly twins: boolean;
  /**
   * Resolved stamps by (own scope object, baggage object). Both are immutable (scopes are frozen, OTel
   * baggage is immutable), so the resolution of a pair never changes; entries go with their keys.
   * Undefined when `defaults` can change after construction (not frozen): then nothing is cached.
   */
  private readonly resolved: WeakMap<object, WeakMap<object, ResolvedStamp>> | undefined;
  private started = 0;
  private ended = 0;
  private abandoned = 0;
  private filtered = 0;
  private noSession = 0;
  /** Lost spans (see `lostSoFar`) a flush has already answered `false` for. */
  private lossesAnswered = 0;
  /** Set when the process exits: pending spans are then lost. */
  private exited = false;

  /** @param options the exporter and how to stamp, filter and batch. */
  constructor(private readonly options: HoneyHiveSpanProcessorOptions) {
    this.log = new RateLimitedLog(options.logger);
    this.readsBaggage = options.readBaggage !== false;
    this.twins = options.stampTraceloopTwins !== false;
    this.nameFilter = createSpanNameFilter(options.includeSpanNames, options.excludeSpanNames);
    const defaults = options.defaults;
    this.resolved = defaults === undefined || defaults === null || Object.isFrozen(defaults) ? new WeakMap() : undefined;
    const { options: batch, problems } = normalizeBatchOptions(options.batch, EXPORT_PROFILES['long-running']);
    for (const problem of problems) this.log.note(`batch_${problem.variable}`, 'warn', () => `HoneyHive: ${problem.message}`);
    const events: ExportEvents = {
      onQueueFull: () =>
        this.log.note('queue_full', 'warn', () => `HoneyHive: export queue full (${batch.maxQueueSize} spans); dropping spans`),
      onTooLarge: (count, error) =>
        this.log.note('too_large', 'warn', () => `HoneyHive: the backend refused ${count} span(s) as too large even alone; dropped (${errorMessage(error)})`),
      onExportFailed: (count, error, timedOut) => {
        const reason = timedOut ? `timed out after ${batch.exportTimeoutMillis} ms` : errorMessage(error);
        const handler = options.onExportFailed;
        if (handler === undefined) {
          this.log.note('export_failed', 'warn', () =>
            timedOut ? `HoneyHive: export of ${count} span(s) ${reason}` : `HoneyHive: export of ${count} span(s) failed: ${reason}`,
          );
          return;
        }
        try {
          handler(new Error(`${count} span(s) not delivered: ${reason}`, { cause: error }), count, timedOut);
        } catch {
          // the handler's failure must not become the exporter's
        }
      },
    };
    this.inner = options.disableBatch
      ? new SimpleExportProcessor(
          options.exporter,
          {
            maxInFlight: IMMEDIATE_MAX_IN_FLIGHT,
            maxQueueSize: batch.maxQueueSize,
            maxExportBatchSize: batch.maxExportBatchSize,
            maxExportBatchBytes: batch.maxExportBatchBytes,
            exportTimeoutMillis: batch.exportTimeoutMillis,
          },
          events,
        )
      : new BoundedBatchProcessor(options.exporter, batch, events);
  }

  /** Stamps the HoneyHive attributes and the start-time event type. Never throws. */
  onStart(span: Span, parentContext: Context): void {
    this.started++;
    try {
      const ctx = parentContext ?? otelContext.active();
      const stamp = this.resolve(ctx);
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

  /** Applies the end-time event type while the span can still be written (SDK ≥ 2.1 calls this). */
  onEnding(span: Span): void {
    try {
      const type = this.eventTypes.atEnd(span, span.attributes, true);
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
      const type = this.eventTypes.atEnd(span, span.attributes, true);
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
        too_large: inner.tooLarge,
        shutdown: inner.afterShutdown,
        process_exit: lostAtExit,
      },
      queued: this.exited ? 0 : inner.queued,
      inFlight: this.exited ? 0 : inner.inFlight,
      abandoned: this.abandoned,
    };
  }

  /** The stamp of a span started in `ctx`, from the cache when its scope and baggage were seen before. */
  private resolve(ctx: Context): ResolvedStamp {
    let own: SpanStamp | undefined;
    if (this.options.resolveStamp) {
      try {
        own = this.options.resolveStamp(ctx);
      } catch (error) {
        this.log.note('resolve_error', 'warn', () => `HoneyHive: resolveStamp threw: ${errorMessage(error)}`);
      }
    }
    const baggage = this.readsBaggage ? propagation.getBaggage(ctx) : undefined;
    const cache = this.resolved;
    // a scope object that is not frozen could change between spans: resolve it every time
    const ownKey = own === undefined || own === null ? NONE : typeof own === 'object' && Object.isFrozen(own) ? own : undefined;
    if (cache === undefined || ownKey === undefined) return this.noted(this.compute(own, baggage));
    let byBaggage = cache.get(ownKey);
    if (byBaggage === undefined) {
      byBaggage = new WeakMap();
      cache.set(ownKey, byBaggage);
    }
    const baggageKey: object = baggage ?? NONE;
    let found = byBaggage.get(baggageKey);
    if (found === undefined) {
      found = this.compute(own, baggage);
      byBaggage.set(baggageKey, found);
    }
    return this.noted(found);
  }

  private noted(resolved: ResolvedStamp): ResolvedStamp {
    if (resolved.badBaggageSession) {
      this.log.note('bad_baggage_session', 'debug', () => 'HoneyHive: ignoring a baggage session_id that is not a UUID');
    }
    return resolved;
  }

  private compute(own: SpanStamp | undefined, baggage: Baggage | undefined): ResolvedStamp {
    const reading = baggage === undefined ? NO_BAGGAGE : readBaggageOf(baggage);
    const fromBaggage = { ...reading.stamp };
    let badBaggageSession = false;
    if (fromBaggage.sessionId !== undefined) {
      const normalized = normalizeSessionId(fromBaggage.sessionId);
      if (normalized !== undefined) fromBaggage.sessionId = normalized;
      else {
        badBaggageSession = true;
        delete fromBaggage.sessionId;
      }
    }
    const stamp = mergeStamps(own, fromBaggage, this.options.defaults);
    // our own ids are lower-cased like generated ones; a non-UUID id from the tracer's config is kept as given
    if (stamp.sessionId !== undefined) stamp.sessionId = normalizeSessionId(stamp.sessionId) ?? stamp.sessionId.trim();
    return Object.freeze({
      attributes: Object.freeze(stampAttributes(stamp, reading.extra, this.twins)),
      eventType: stamp.eventType,
      badBaggageSession,
    });
  }
}
