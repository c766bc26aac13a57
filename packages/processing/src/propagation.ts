import { context as otelContext, propagation, type BaggageEntry, type Context, type TextMapGetter, type TextMapSetter } from '@opentelemetry/api';
import { W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';
import { BAGGAGE_KEYS, canonicalBaggageKey, isSecretLikeKey, normalizeSessionId } from '@honeyhive/utils';
import { readBaggage } from './stamp';
import type { SpanStamp } from './types';

// Used directly, so inject/extract work whatever global propagator (if any) is installed.
const traceContextPropagator = new W3CTraceContextPropagator();
const baggagePropagator = new W3CBaggagePropagator();

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

/** Reads header names case-insensitively (Node lower-cases them; other carriers may not). */
function caseInsensitiveGetter(carrier: HeaderCarrier): TextMapGetter<HeaderCarrier> {
  const lower = new Map<string, string | string[]>();
  // Only an object has headers: a string carrier would otherwise be walked character by character.
  const headers = typeof carrier === 'object' && carrier !== null ? carrier : {};
  for (const key of Object.keys(headers)) {
    const value = (headers as HeaderCarrier)[key];
    if (typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
      const name = key.toLowerCase();
      const existing = lower.get(name);
      // the same header under two spellings: keep both values (baggage merges lists)
      lower.set(name, existing === undefined ? value : ([] as string[]).concat(existing, value));
    }
  }
  return {
    keys: () => [...lower.keys()],
    get: (_carrier, key) => {
      const value = lower.get(key.toLowerCase());
      // a traceparent must be a single value; several make it unusable rather than guessed
      if (Array.isArray(value) && key.toLowerCase() !== 'baggage') return value.length === 1 ? value[0] : undefined;
      return value;
    },
  };
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
 * never written. Mutates `carrier`; never throws.
 */
export function injectContext(context: Context, carrier: Record<string, string>, extraBaggage?: SpanStamp, options?: InjectOptions): void {
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
    const withBaggage =
      Object.keys(entries).length > 0
        ? propagation.setBaggage(context, propagation.createBaggage(entries))
        : propagation.deleteBaggage(context);
    traceContextPropagator.inject(withBaggage, carrier, recordSetter);
    baggagePropagator.inject(withBaggage, carrier, recordSetter);
  } catch {
    // propagation is best effort; the caller's request goes out either way
  }
}

/** What {@link extractContext} found. */
export interface ExtractedContext {
  /** `base` with the remote parent span (when `traceparent` is valid) and the incoming baggage. */
  context: Context;
  /** The HoneyHive fields of the incoming baggage (canonical keys and their Python variants). */
  stamp: SpanStamp;
}

/**
 * Reads W3C trace context and baggage from incoming headers (names in any case). Accepts the Python
 * SDK's key variants (`honeyhive_session_id`, `honeyhive.session_id`, …). Garbage never throws: an
 * invalid `traceparent` gives no remote parent, an unparseable baggage entry is skipped, a session id
 * that is not a UUID is left out of `stamp`.
 * @param base the context to extend (default: the active context).
 */
export function extractContext(carrier: HeaderCarrier, base?: Context): ExtractedContext {
  let ctx = base ?? otelContext.active();
  const start = ctx;
  try {
    const getter = caseInsensitiveGetter(carrier ?? {});
    try {
      ctx = traceContextPropagator.extract(ctx, carrier, getter);
    } catch {
      ctx = start;
    }
    try {
      ctx = baggagePropagator.extract(ctx, carrier, getter);
    } catch {
      // keep the trace context alone
    }
    const { stamp } = readBaggage(ctx);
    if (stamp.sessionId !== undefined) {
      const sessionId = normalizeSessionId(stamp.sessionId);
      if (sessionId !== undefined) stamp.sessionId = sessionId;
      else delete stamp.sessionId;
    }
    return { context: ctx, stamp };
  } catch {
    return { context: start, stamp: {} };
  }
}
