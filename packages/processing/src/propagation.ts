import { context as otelContext, propagation, trace, type BaggageEntry, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CTraceContextPropagator, isTracingSuppressed } from '@opentelemetry/core';
import { BAGGAGE_KEYS, canonicalBaggageKey, isSecretLikeKey, normalizeSessionId } from '@honeyhive/utils';
import { noBaggageDrops, parseBaggage, serializeBaggage, type BaggageDrops } from './baggage-codec';
import { readBaggage } from './stamp';
import { W3CTraceState } from './tracestate';
import type { SpanStamp } from './types';

// Used directly, so inject/extract work whatever global propagator (if any) is installed. It reads and writes
// `traceparent` only: `tracestate` and `baggage` go through our own strict codecs (tracestate.ts, baggage-codec.ts).
const traceContextPropagator = new W3CTraceContextPropagator();

/** A carrier for {@link extractContext}: header names in any case, values as Node gives them. */
export type HeaderCarrier = Readonly<Record<string, string | string[] | undefined>>;

/** Stamp field → the canonical baggage key written by {@link injectContext}. */
const STAMP_BAGGAGE_KEYS: ReadonlyArray<[keyof SpanStamp, string]> = [
  ['sessionId', BAGGAGE_KEYS.SESSION_ID],
  ['project', BAGGAGE_KEYS.PROJECT],
  ['source', BAGGAGE_KEYS.SOURCE],
  ['runId', BAGGAGE_KEYS.RUN_ID],
  ['datasetId', BAGGAGE_KEYS.DATASET_ID],
  ['datapointId', BAGGAGE_KEYS.DATAPOINT_ID],
];

const recordSetter: TextMapSetter<Record<string, string>> = {
  set(carrier, key, value) {
    carrier[key] = value;
  },
};

/** Header values by lower-cased name, every value kept in order (repeated headers, several spellings). */
function headerValues(carrier: HeaderCarrier): Map<string, string[]> {
  const lower = new Map<string, string[]>();
  // Only an object has headers: a string carrier would otherwise be walked character by character.
  const headers = typeof carrier === 'object' && carrier !== null ? carrier : {};
  for (const key of Object.keys(headers)) {
    const value = (headers as HeaderCarrier)[key];
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      const name = key.toLowerCase();
      lower.set(name, [...(lower.get(name) ?? []), ...(typeof value === 'string' ? [value] : value)]);
    }
  }
  return lower;
}

/** Gives the propagator `traceparent` alone: several values make it unusable rather than guessed. */
function traceparentGetter(values: Map<string, string[]>): TextMapGetter<unknown> {
  return {
    keys: () => ['traceparent'],
    get: (_carrier, key) => {
      if (key.toLowerCase() !== 'traceparent') return undefined;
      const found = values.get('traceparent');
      return found?.length === 1 ? found[0] : undefined;
    },
  };
}

/** What {@link injectContext} left out of `baggage` (whole members, counted by reason). */
export interface InjectResult {
  baggageDrops: BaggageDrops;
}

/** Options of {@link injectContext}. */
export interface InjectOptions {
  /** Values never to propagate (the API key): a baggage entry whose value contains one is left out. */
  secretValues?: readonly string[];
}

// Shorter "secrets" would match ordinary values.
const MIN_SECRET_VALUE_LENGTH = 8;

/**
 * Writes W3C `traceparent`/`tracestate` for the span in `context`, and `baggage` with HoneyHive's
 * canonical keys (`session_id`, `project`, `source`, `run_id`, `dataset_id`, `datapoint_id`) from
 * `extraBaggage` (which wins) and the context's baggage (aliases such as `honeyhive_session_id` are
 * rewritten to the canonical key), plus every other baggage entry. Keys that look like secrets
 * (api_key, authorization, password, token, …) and values containing one of `options.secretValues` are
 * never written. `baggage` follows W3C Baggage: keys and values percent-encoded where needed, at most 180
 * members and 8,192 bytes (whole members beyond are left out and counted in the result). The trace flags
 * are written whole, the random bit (0x02) included. Mutates `carrier`; never throws.
 */
export function injectContext(context: Context, carrier: Record<string, string>, extraBaggage?: SpanStamp, options?: InjectOptions): InjectResult {
  const result: InjectResult = { baggageDrops: noBaggageDrops() };
  try {
    const secrets = (options?.secretValues ?? []).filter((secret) => typeof secret === 'string' && secret.length >= MIN_SECRET_VALUE_LENGTH);
    const entries: Record<string, BaggageEntry> = {};
    const current = propagation.getBaggage(context);
    for (const [key, entry] of current?.getAllEntries() ?? []) {
      if (isSecretLikeKey(key) || typeof entry?.value !== 'string') continue;
      if (secrets.some((secret) => entry.value.includes(secret))) continue;
      const canonical = canonicalBaggageKey(key);
      // an alias never overrides the canonical spelling
      if (canonical !== undefined) {
        if (canonical === key || entries[canonical] === undefined) entries[canonical] = { value: entry.value };
      } else {
        entries[key] = entry;
      }
    }
    for (const [field, key] of STAMP_BAGGAGE_KEYS) {
      const value = extraBaggage?.[field];
      if (typeof value === 'string' && value.trim() !== '') entries[key] = { value: value.trim() };
    }
    traceContextPropagator.inject(context, carrier, recordSetter);
    if (!isTracingSuppressed(context)) {
      // HoneyHive's own keys first: when a limit is hit, other entries are left out before them
      const own = new Set<string>(STAMP_BAGGAGE_KEYS.map(([, key]) => key));
      const ordered = Object.entries(entries).sort(([a], [b]) => Number(own.has(b)) - Number(own.has(a)));
      const { header, drops } = serializeBaggage(ordered);
      result.baggageDrops = drops;
      if (header !== '') carrier.baggage = header;
    }
  } catch {
    // propagation is best effort; the caller's request goes out either way
  }
  return result;
}

/** What {@link extractContext} found. */
export interface ExtractedContext {
  /** `base` with the remote parent span (when `traceparent` is valid) and the incoming baggage. */
  context: Context;
  /** The HoneyHive fields of the incoming baggage (canonical keys and their Python variants). */
  stamp: SpanStamp;
  /** Incoming baggage members left out (whole members, counted by reason). */
  baggageDrops: BaggageDrops;
}

/**
 * Reads W3C trace context and baggage from incoming headers (names in any case; a value may be an array, as
 * `req.headersDistinct` or Lambda's `multiValueHeaders` give). Repeated `tracestate` and `baggage` headers
 * are combined in order; two `traceparent` values make it unusable. `tracestate` is read strictly: one
 * malformed member or more than 32 members drops the whole header (the trace is still continued). Baggage
 * members outside the W3C Baggage grammar or limits are dropped one by one and counted. Accepts the Python
 * SDK's key variants (`honeyhive_session_id`, `honeyhive.session_id`, …). Garbage never throws: an
 * invalid `traceparent` gives no remote parent, an unparseable baggage entry is skipped, a session id
 * that is not a UUID is left out of `stamp`.
 * @param base the context to extend (default: the active context).
 */
export function extractContext(carrier: HeaderCarrier, base?: Context): ExtractedContext {
  let ctx = base ?? otelContext.active();
  const start = ctx;
  let baggageDrops = noBaggageDrops();
  try {
    const values = headerValues(carrier ?? {});
    try {
      const withParent = traceContextPropagator.extract(ctx, carrier, traceparentGetter(values));
      const parent = withParent === ctx ? undefined : trace.getSpanContext(withParent);
      // tracestate is read only next to a valid traceparent
      if (parent !== undefined) {
        const traceState = W3CTraceState.parse(values.get('tracestate'));
        ctx = trace.setSpanContext(ctx, { ...parent, traceState });
      }
    } catch {
      ctx = start;
    }
    try {
      const parsed = parseBaggage(values.get('baggage'));
      baggageDrops = parsed.drops;
      if (parsed.entries.length > 0) ctx = propagation.setBaggage(ctx, propagation.createBaggage(Object.fromEntries(parsed.entries)));
    } catch {
      // keep the trace context alone
    }
    const { stamp } = readBaggage(ctx);
    if (stamp.sessionId !== undefined) {
      const sessionId = normalizeSessionId(stamp.sessionId);
      if (sessionId !== undefined) stamp.sessionId = sessionId;
      else delete stamp.sessionId;
    }
    return { context: ctx, stamp, baggageDrops };
  } catch {
    return { context: start, stamp: {}, baggageDrops };
  }
}
