import { propagation, type Baggage, type Context } from '@opentelemetry/api';
import { ATTR, ATTR_PREFIX, canonicalBaggageKey, internalizedKey, isSecretLikeKey, traceloopTwin } from '@honeyhive/utils';
import type { SpanStamp } from './types';

/** The stamp fields, in the order they are resolved. */
const STAMP_FIELDS = [
  'sessionId',
  'project',
  'source',
  'parentId',
  'runId',
  'datasetId',
  'datapointId',
  'eventType',
] as const satisfies ReadonlyArray<keyof SpanStamp>;

/** The `source` stamped when nothing else sets one (docs/wire-contract.md). */
const DEFAULT_SOURCE = 'dev';

/**
 * Canonical baggage key → stamp field. `parent_id` is read (as the Python SDK does) but, like the
 * reserved keys, never echoed as a `baggage.<key>` attribute.
 */
const BAGGAGE_FIELD: Readonly<Record<string, keyof SpanStamp>> = Object.freeze({
  session_id: 'sessionId',
  project: 'project',
  source: 'source',
  run_id: 'runId',
  dataset_id: 'datasetId',
  datapoint_id: 'datapointId',
  parent_id: 'parentId',
});

/** The canonical key of a baggage entry when it carries HoneyHive context (aliases included). */
function stampFieldOfBaggageKey(key: string): keyof SpanStamp | undefined {
  const canonical = canonicalKey(key);
  return Object.prototype.hasOwnProperty.call(BAGGAGE_FIELD, canonical) ? BAGGAGE_FIELD[canonical] : undefined;
}

function canonicalKey(key: string): string {
  return canonicalBaggageKey(key) ?? key.trim().toLowerCase();
}

/** What the baggage of a context says: the HoneyHive fields, and every other (non-secret) entry. */
export interface BaggageReading {
  /** Reserved keys (and their Python aliases) mapped to stamp fields. */
  stamp: SpanStamp;
  /** The other entries, for `baggage.<key>` attributes; secret-like keys are left out. */
  extra: Array<[key: string, value: string]>;
}

/** Reads the W3C baggage of `ctx`; an absent or empty baggage yields an empty reading. */
export function readBaggage(ctx: Context): BaggageReading {
  const baggage = propagation.getBaggage(ctx);
  if (!baggage) return { stamp: {}, extra: [] };
  return readBaggageOf(baggage);
}

/** Reads one W3C baggage (see {@link readBaggage}). */
export function readBaggageOf(baggage: Baggage): BaggageReading {
  const stamp: SpanStamp = {};
  const extra: Array<[string, string]> = [];
  for (const [key, entry] of baggage.getAllEntries()) {
    const value = entry?.value;
    if (typeof value !== 'string' || value === '') continue;
    const field = stampFieldOfBaggageKey(key);
    if (field) {
      // the canonical spelling wins over an alias, whatever the entry order
      if (stamp[field] === undefined || canonicalKey(key) === key) stamp[field] = value;
    } else if (!isSecretLikeKey(key)) {
      extra.push([key, value]);
    }
  }
  return { stamp, extra };
}

function present(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** Merges stamps field by field: for each field the first layer with a non-empty value wins. */
export function mergeStamps(...layers: ReadonlyArray<SpanStamp | undefined>): SpanStamp {
  const merged: SpanStamp = {};
  for (const field of STAMP_FIELDS) {
    for (const layer of layers) {
      const value = layer?.[field];
      if (present(value)) {
        merged[field] = value;
        break;
      }
    }
  }
  return merged;
}

/** Stamp field → wire attribute, and whether a `traceloop.association.properties.<k>` twin goes with it. */
const FIELD_ATTRIBUTES: ReadonlyArray<[keyof SpanStamp, string, boolean]> = [
  ['sessionId', ATTR.SESSION_ID, true],
  ['project', ATTR.PROJECT, true],
  ['source', ATTR.SOURCE, true],
  // the Python SDK sends parent_id without a twin ("single mapping"); so do we
  ['parentId', ATTR.PARENT_ID, false],
  ['runId', ATTR.RUN_ID, true],
  ['datasetId', ATTR.DATASET_ID, true],
  ['datapointId', ATTR.DATAPOINT_ID, true],
];

/** The traceloop twin of each stamped key, internalized once. */
const TWIN_OF: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(FIELD_ATTRIBUTES.map(([, key]) => [key, internalizedKey(traceloopTwin(key))])),
);

/** The twin npm honeyhive 1.x put on every span: the tracer's `disableHttpTracing`, as `'true'` / `'false'`. */
const DISABLE_HTTP_TRACING_TWIN = internalizedKey(traceloopTwin('disable_http_tracing'));

/**
 * Every key the processor stamps with a value that stays the same across a session's spans: the dot family, their
 * traceloop twins, `disable_http_tracing`'s twin and the event type (not the `baggage.<key>` echoes, which vary).
 * The protobuf serializer encodes these pairs once (see protobuf-trace-serializer.ts).
 */
export const STAMPED_KEYS: readonly string[] = Object.freeze([
  ...FIELD_ATTRIBUTES.map(([, key]) => key),
  ...Object.values(TWIN_OF),
  DISABLE_HTTP_TRACING_TWIN,
  ATTR.EVENT_TYPE,
]);

/**
 * The attributes that carry a resolved stamp (without the event type, which is decided separately):
 * the docs/wire-contract.md dot family, their traceloop twins (when `twins`; with `disableHttpTracing` given, its
 * twin too), and `baggage.<key>` for `extra`.
 */
export function stampAttributes(
  stamp: SpanStamp,
  extra: ReadonlyArray<[string, string]>,
  twins: boolean,
  disableHttpTracing?: boolean,
): Array<[key: string, value: string]> {
  const attributes: Array<[string, string]> = [];
  const twinAttributes: Array<[string, string]> = [];
  // the dot family first, then the twins, as docs/wire-contract.md lists them: every span gets its keys in one
  // fixed order (V8 then shares one hidden-class path between span attribute objects)
  for (const [field, key, twinned] of FIELD_ATTRIBUTES) {
    const value = field === 'source' ? (stamp.source ?? DEFAULT_SOURCE) : stamp[field];
    if (!present(value)) continue;
    attributes.push([key, value]);
    if (twins && twinned) twinAttributes.push([TWIN_OF[key] as string, value]);
  }
  if (twins && typeof disableHttpTracing === 'boolean') twinAttributes.push([DISABLE_HTTP_TRACING_TWIN, String(disableHttpTracing)]);
  for (const twin of twinAttributes) attributes.push(twin);
  // internalized: the processor caches these and sets them on every span (see internalizedKey)
  for (const [key, value] of extra) attributes.push([internalizedKey(`${ATTR_PREFIX.BAGGAGE}.${key}`), value]);
  return attributes;
}
