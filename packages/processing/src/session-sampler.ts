import { createHash } from 'node:crypto';
import { trace, TraceFlags, type Attributes, type Context, type Link, type SpanKind } from '@opentelemetry/api';
import { SamplingDecision, type Sampler, type SamplingResult } from '@opentelemetry/sdk-trace-base';
import { ATTR, normalizeSessionId } from '@honeyhive/utils';

/** Options of {@link SessionRatioSampler}. */
export interface SessionRatioSamplerOptions {
  /** The share of sessions kept, from 0 (none) to 1 (all). */
  rate: number;
  /**
   * The session id a span started in `parentContext` will be stamped with (the processor's own resolution:
   * tracer scope > baggage > defaults), or undefined when it has none. May throw: the span is then kept.
   */
  sessionOf: (parentContext: Context) => string | undefined;
}

/** Bits of the session hash compared with the rate: 48 fit a JavaScript number exactly. */
const HASH_BITS = 48;
const HASH_RANGE = 2 ** HASH_BITS;
/** Decisions remembered, by session id; the map is emptied when full. */
const CACHE_LIMIT = 4096;

const KEEP: SamplingResult = Object.freeze({ decision: SamplingDecision.RECORD_AND_SAMPLED });
const DROP: SamplingResult = Object.freeze({ decision: SamplingDecision.NOT_RECORD });

/**
 * Where a session id falls in [0, 2^48): the first 48 bits of the SHA-256 of its UTF-8 bytes. The same id gives the
 * same number in every process and every language that computes it this way.
 */
export function sessionHash(sessionId: string): number {
  return createHash('sha256').update(sessionId, 'utf8').digest().readUIntBE(0, HASH_BITS / 8);
}

/** Whether a session is kept at `rate`: its hash lies below `rate × 2^48` (so 0 keeps none and 1 keeps all). */
export function keepsSession(sessionId: string, rate: number): boolean {
  if (rate >= 1) return true;
  if (!(rate > 0)) return false;
  return sessionHash(sessionId) < rate * HASH_RANGE;
}

/**
 * Keeps or drops whole sessions: a span whose parent is valid follows the parent's sampled flag (as OpenTelemetry's
 * `ParentBased` does, local or remote parent); a root span is kept when its session id (an attribute given at start,
 * else `sessionOf` of the parent context) hashes below the rate ({@link keepsSession}). Every process that sees the
 * same session id, through its own configuration or the baggage, decides the same way. A span with no session is
 * kept: the processor counts it dropped (`no_session`). Never throws.
 */
export class SessionRatioSampler implements Sampler {
  private readonly rate: number;
  private decisions = new Map<string, boolean>();

  /** @param options the rate and where a span's session id comes from. */
  constructor(private readonly options: SessionRatioSamplerOptions) {
    const rate = Number(options.rate);
    this.rate = Number.isFinite(rate) ? Math.min(1, Math.max(0, rate)) : 1;
  }

  shouldSample(parentContext: Context, _traceId: string, _name: string, _kind: SpanKind, attributes: Attributes, _links: Link[]): SamplingResult {
    try {
      const parent = trace.getSpanContext(parentContext);
      if (parent !== undefined && trace.isSpanContextValid(parent)) return (parent.traceFlags & TraceFlags.SAMPLED) !== 0 ? KEEP : DROP;
      const sessionId = this.sessionIdOf(parentContext, attributes);
      if (sessionId === undefined) return KEEP;
      return this.keeps(sessionId) ? KEEP : DROP;
    } catch {
      return KEEP;
    }
  }

  private sessionIdOf(parentContext: Context, attributes: Attributes | undefined): string | undefined {
    const given = attributes?.[ATTR.SESSION_ID];
    if (typeof given === 'string' && given.trim() !== '') return normalizeSessionId(given) ?? given.trim();
    const resolved = this.options.sessionOf(parentContext);
    return typeof resolved === 'string' && resolved !== '' ? resolved : undefined;
  }

  private keeps(sessionId: string): boolean {
    let kept = this.decisions.get(sessionId);
    if (kept === undefined) {
      kept = keepsSession(sessionId, this.rate);
      if (this.decisions.size >= CACHE_LIMIT) this.decisions = new Map();
      this.decisions.set(sessionId, kept);
    }
    return kept;
  }

  toString(): string {
    return `HoneyHiveSessionRatioSampler{rate=${this.rate}}`;
  }
}

/**
 * Wraps a sampler (the HoneyHive one or the user's) and counts the spans it drops: a span sampled out never reaches
 * a span processor, so this is the only place it can be counted. A sampler that throws keeps the span.
 */
export class CountingSampler implements Sampler {
  private dropped = 0;

  /** @param inner the sampler that decides. */
  constructor(private readonly inner: Sampler) {}

  /** Spans the inner sampler decided not to record. */
  get sampledOut(): number {
    return this.dropped;
  }

  shouldSample(parentContext: Context, traceId: string, name: string, kind: SpanKind, attributes: Attributes, links: Link[]): SamplingResult {
    let result: SamplingResult;
    try {
      result = this.inner.shouldSample(parentContext, traceId, name, kind, attributes, links);
    } catch {
      return KEEP;
    }
    if (result?.decision === SamplingDecision.NOT_RECORD) this.dropped++;
    return result ?? KEEP;
  }

  toString(): string {
    return `Counting{${String(this.inner)}}`;
  }
}
