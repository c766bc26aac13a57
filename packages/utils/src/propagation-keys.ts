import { isDefaultSecretKey } from './secret-redaction';

/** The W3C baggage keys HoneyHive reads and writes (same as the Python SDK). */
export const BAGGAGE_KEYS = Object.freeze({
  SESSION_ID: 'session_id',
  PROJECT: 'project',
  SOURCE: 'source',
  RUN_ID: 'run_id',
  DATASET_ID: 'dataset_id',
  DATAPOINT_ID: 'datapoint_id',
} as const);

/** One of the {@link BAGGAGE_KEYS} values. */
export type BaggageKey = (typeof BAGGAGE_KEYS)[keyof typeof BAGGAGE_KEYS];

/** The reserved baggage keys: stamped as `honeyhive.*` attributes, never copied as `baggage.<key>`. */
export const RESERVED_BAGGAGE_KEYS: ReadonlySet<string> = new Set<string>(Object.values(BAGGAGE_KEYS));

function aliasesOf(key: BaggageKey): Array<[string, BaggageKey]> {
  return [
    [`honeyhive_${key}`, key],
    [`honeyhive.${key}`, key],
  ];
}

/**
 * Variants other SDKs use, mapped to the canonical key: `honeyhive_session_id` and `honeyhive.session_id`
 * → `session_id`, and the same for project, source, run_id, dataset_id and datapoint_id.
 */
export const BAGGAGE_KEY_ALIASES: Readonly<Record<string, BaggageKey>> = Object.freeze(
  Object.fromEntries(Object.values(BAGGAGE_KEYS).flatMap(aliasesOf)) as Record<string, BaggageKey>,
);

/** The canonical key for a reserved key or one of its aliases (trimmed, any case); undefined for any other key. */
export function canonicalBaggageKey(key: string): BaggageKey | undefined {
  if (typeof key !== 'string') return undefined;
  const name = key.trim().toLowerCase();
  if (RESERVED_BAGGAGE_KEYS.has(name)) return name as BaggageKey;
  return Object.prototype.hasOwnProperty.call(BAGGAGE_KEY_ALIASES, name) ? BAGGAGE_KEY_ALIASES[name] : undefined;
}

/**
 * True when a key looks like it names a secret, so its value must never go into baggage or a span
 * attribute. The same rules as the redaction of captured values ({@link isDefaultSecretKey}): api_key/apiKey/
 * x-api-key, authorization, password, secret, credentials, private/access keys, cookies, and keys ending in
 * `token`, `auth`, `jwt` or `pwd` (`access_token`, `x-auth`). Token counts such as `max_tokens` or
 * `token_count` are not secret. Separators and case are ignored.
 */
export function isSecretLikeKey(key: string): boolean {
  return isDefaultSecretKey(key);
}
