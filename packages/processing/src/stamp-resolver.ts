import { propagation, type Baggage, type Context } from '@opentelemetry/api';
import { normalizeSessionId } from '@honeyhive/utils';
import { mergeStamps, readBaggageOf, stampAttributes, type BaggageReading } from './stamp';
import type { SpanStamp } from './types';

/** A resolved stamp, ready to apply: the attributes to set (unless the span has them) and the explicit type. */
export interface ResolvedStamp {
  readonly attributes: ReadonlyArray<readonly [key: string, value: string]>;
  readonly eventType: string | undefined;
  /** The session id stamped (normalized), if any: what the session sampler decides on. */
  readonly sessionId: string | undefined;
  /** The baggage carried a session id that is not a UUID (noted on every span, as it is ignored on every span). */
  readonly badBaggageSession: boolean;
}

/** Options of {@link StampResolver}: where each layer of a span's stamp comes from. */
export interface StampResolverOptions {
  /** The owning tracer's scope for a span about to start; may throw (reported through `onResolveError`). */
  resolveStamp?: (parentContext: Context) => SpanStamp | undefined;
  /** Fallback values; when not frozen they may change, and nothing is cached. */
  defaults?: SpanStamp;
  /** Read the parent context's W3C baggage (default true). */
  readBaggage?: boolean;
  /** Add the `traceloop.association.properties.<k>` twins (default true). */
  stampTraceloopTwins?: boolean;
  /** With the twins: `traceloop.association.properties.disable_http_tracing` = this, as text (npm honeyhive 1.x). */
  disableHttpTracing?: boolean;
  /** Told when `resolveStamp` throws; the span then gets the baggage and default layers only. */
  onResolveError?: (error: unknown) => void;
}

const NO_BAGGAGE: BaggageReading = Object.freeze({ stamp: {}, extra: [] }) as BaggageReading;

/** Cache key standing for "no own scope" / "no baggage". */
const NONE: object = Object.freeze({});

/**
 * Resolves the stamp of a span from its parent context: the owning tracer's scope > the context's W3C
 * baggage > `defaults`, field by field. Resolutions are cached by (scope object, baggage object): both
 * are immutable (scopes are frozen, OTel baggage is immutable), so a pair always resolves the same way;
 * entries go with their keys.
 */
export class StampResolver {
  private readonly readsBaggage: boolean;
  private readonly twins: boolean;
  /** Undefined when `defaults` can change after construction (not frozen): then nothing is cached. */
  private cache: WeakMap<object, WeakMap<object, ResolvedStamp>> | undefined;
  private defaults: SpanStamp | undefined;

  /** @param options the layers of a stamp. */
  constructor(private readonly options: StampResolverOptions) {
    this.readsBaggage = options.readBaggage !== false;
    this.twins = options.stampTraceloopTwins !== false;
    this.defaults = options.defaults;
    this.cache = StampResolver.cacheFor(options.defaults);
  }

  private static cacheFor(defaults: SpanStamp | undefined): WeakMap<object, WeakMap<object, ResolvedStamp>> | undefined {
    return defaults === undefined || defaults === null || Object.isFrozen(defaults) ? new WeakMap() : undefined;
  }

  /** Replaces the fallback values (e.g. the tracer switched its own session): spans started from now on use them. */
  setDefaults(defaults: SpanStamp | undefined): void {
    this.defaults = defaults;
    this.cache = StampResolver.cacheFor(defaults);
  }

  /** The stamp of a span started in `ctx`, from the cache when its scope and baggage were seen before. */
  resolve(ctx: Context): ResolvedStamp {
    const own = this.ownScope(ctx);
    const baggage = this.readsBaggage ? propagation.getBaggage(ctx) : undefined;
    // a scope object that is not frozen could change between spans: resolve it every time
    const ownKey = own === undefined || own === null ? NONE : typeof own === 'object' && Object.isFrozen(own) ? own : undefined;
    if (this.cache === undefined || ownKey === undefined) return this.compute(own, baggage);
    let byBaggage = this.cache.get(ownKey);
    if (byBaggage === undefined) {
      byBaggage = new WeakMap();
      this.cache.set(ownKey, byBaggage);
    }
    const baggageKey: object = baggage ?? NONE;
    let found = byBaggage.get(baggageKey);
    if (found === undefined) {
      found = this.compute(own, baggage);
      byBaggage.set(baggageKey, found);
    }
    return found;
  }

  private ownScope(ctx: Context): SpanStamp | undefined {
    if (!this.options.resolveStamp) return undefined;
    try {
      return this.options.resolveStamp(ctx);
    } catch (error) {
      this.options.onResolveError?.(error);
      return undefined;
    }
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
    const stamp = mergeStamps(own, fromBaggage, this.defaults);
    // our own ids are lower-cased like generated ones; a non-UUID id from the tracer's config is kept as given
    if (stamp.sessionId !== undefined) stamp.sessionId = normalizeSessionId(stamp.sessionId) ?? stamp.sessionId.trim();
    return Object.freeze({
      attributes: Object.freeze(stampAttributes(stamp, reading.extra, this.twins, this.options.disableHttpTracing)),
      eventType: stamp.eventType,
      sessionId: stamp.sessionId,
      badBaggageSession,
    });
  }
}
