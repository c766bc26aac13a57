import { REDACTED } from './env';

/**
 * Key fragments that mark a secret. A key is compared without case and without anything but letters and
 * digits (`X-Api-Key`, `api_key` and `apiKey` all read `apikey`), and is secret when it contains one of these.
 */
export const DEFAULT_SECRET_KEY_FRAGMENTS: readonly string[] = Object.freeze([
  'apikey',
  'password',
  'passwd',
  'passphrase',
  'secret',
  'authorization',
  'credential',
  'privatekey',
  'accesskey',
  'cookie',
  'bearer',
]);

/** Endings that mark a secret too: `access_token`, `x-auth`, `id_jwt`, `db_pwd`. */
export const DEFAULT_SECRET_KEY_ENDINGS: readonly string[] = Object.freeze(['token', 'auth', 'jwt', 'pwd']);

/**
 * Keys ending in `token` that are not secret: token counts and limits of LLM calls and the special tokens of
 * a tokenizer (`max_token`, `eos_token`…). Plural forms (`total_tokens`, `max_tokens`) never match anyway.
 */
const TOKEN_WORDS_NOT_SECRET: ReadonlySet<string> = new Set(
  ['max', 'min', 'maxnew', 'total', 'prompt', 'completion', 'input', 'output', 'reasoning', 'cached', 'num', 'eos', 'bos', 'pad', 'unk', 'sep', 'cls', 'mask', 'stop', 'start', 'end', 'special'].map(
    (word) => `${word}token`,
  ),
);

/** Secret values shorter than this are not looked for inside strings (they would match ordinary text). */
const MIN_SECRET_LENGTH = 8;

/** Letters from the most to the least frequent in English text. */
const LETTER_FREQUENCY = 'etaoinshrdlcumwfgypbvkjxqz';
const ANCHOR_LENGTH = 8;

/** How often `char` is expected in ordinary text: lower is rarer. */
function commonness(char: string): number {
  if (char >= '0' && char <= '9') return 0;
  if (char >= 'A' && char <= 'Z') return 1;
  const letter = LETTER_FREQUENCY.indexOf(char);
  if (letter >= 0) return 3 + letter;
  return char === ' ' || char === '.' || char === ',' ? 100 : 2;
}

/**
 * A short piece of `secret` that starts with its rarest character. Searching text for it first is several
 * times faster than searching for the whole secret (the engine skips ahead to that character), and the
 * whole secret is only looked for where the piece occurs.
 */
function anchorOf(secret: string): string {
  let best = 0;
  for (let i = 1; i < secret.length; i += 1) if (commonness(secret[i] as string) < commonness(secret[best] as string)) best = i;
  const start = Math.max(0, Math.min(best, secret.length - ANCHOR_LENGTH));
  return secret.slice(start, start + ANCHOR_LENGTH);
}

/** `key` in lower case with only its letters and digits: `X-Api-Key` → `xapikey`. */
function compactKey(key: string): string {
  let compact = '';
  const lower = key.toLowerCase();
  for (let i = 0; i < lower.length; i += 1) {
    const code = lower.charCodeAt(i);
    if ((code >= 97 && code <= 122) || (code >= 48 && code <= 57)) compact += lower[i];
  }
  return compact;
}

function matchesDefaults(compact: string): boolean {
  for (const ending of DEFAULT_SECRET_KEY_ENDINGS) {
    if (compact.endsWith(ending)) return !(ending === 'token' && TOKEN_WORDS_NOT_SECRET.has(compact));
  }
  for (const fragment of DEFAULT_SECRET_KEY_FRAGMENTS) if (compact.includes(fragment)) return true;
  return false;
}

/**
 * True when `key` names a secret by the default rules: it contains one of {@link DEFAULT_SECRET_KEY_FRAGMENTS}
 * or ends with one of {@link DEFAULT_SECRET_KEY_ENDINGS}, case and separators ignored. Token counts
 * (`total_tokens`, `max_tokens`, `prompt_tokens`, `completion_tokens`) are not secret.
 */
export function isDefaultSecretKey(key: string): boolean {
  if (typeof key !== 'string' || key === '') return false;
  return matchesDefaults(compactKey(key));
}

/** Options of {@link SecretRedaction}. */
export interface SecretRedactionOptions {
  /** Redact at all. Default true; false records every value as it is (only the user's `mask` applies). */
  enabled?: boolean;
  /**
   * More keys to treat as secret, on top of the defaults. A string matches every key that contains it,
   * case and separators ignored (`'ssn'` matches `user_ssn` and `SSN`); a RegExp is tested on the key as it is.
   */
  secretKeys?: ReadonlyArray<string | RegExp>;
  /**
   * Secret values (the tracer's own API key) replaced by `<redacted>` wherever they appear inside a captured
   * string or key. Values shorter than 8 characters are ignored.
   */
  secrets?: readonly string[];
}

/** How a key is treated: recorded, its value redacted, or left out because the key text holds a secret value. */
export type KeyVerdict = typeof KEEP_KEY | typeof REDACT_KEY | typeof DROP_KEY;
/** The key and its value are recorded. */
export const KEEP_KEY = 0;
/** The key is recorded with `<redacted>` as its value. */
export const REDACT_KEY = 1;
/** The key itself holds a secret value: nothing is recorded under it. */
export const DROP_KEY = 2;

/**
 * Which captured keys are secret and which secret values must never appear in a captured string. Immutable;
 * holds its secret values in private fields (never shown by `util.inspect` or `JSON.stringify`). Capture
 * (`trace()`, `enrichSpan`, session and event fields) replaces the value of a secret key with `<redacted>` at
 * every depth, and every occurrence of a secret value inside a string with `<redacted>`.
 */
export class SecretRedaction {
  /** The default: the default secret keys, no secret values. */
  static readonly DEFAULT: SecretRedaction = new SecretRedaction();
  /** Redacts nothing. */
  static readonly NONE: SecretRedaction = new SecretRedaction({ enabled: false });

  /** The text that replaces a secret. */
  readonly marker: string = REDACTED;
  /** False when this redaction does nothing. */
  readonly enabled: boolean;
  readonly #fragments: readonly string[];
  readonly #patterns: readonly RegExp[];
  readonly #secrets: readonly string[];
  /** For each secret, a piece of it that is quick to look for. */
  readonly #anchors: readonly string[];
  readonly #longestSecret: number;
  readonly #shortestSecret: number;

  constructor(options: SecretRedactionOptions = {}) {
    this.enabled = options.enabled !== false;
    const fragments: string[] = [];
    const patterns: RegExp[] = [];
    for (const item of Array.isArray(options.secretKeys) ? options.secretKeys : []) {
      if (typeof item === 'string') {
        const compact = compactKey(item);
        if (compact !== '') fragments.push(compact);
      } else if (item instanceof RegExp) {
        // a copy without the stateful flags, so that `test` gives the same answer every time
        patterns.push(new RegExp(item.source, item.flags.replace(/[gy]/g, '')));
      }
    }
    this.#fragments = Object.freeze(fragments);
    this.#patterns = Object.freeze(patterns);
    const secrets = (Array.isArray(options.secrets) ? options.secrets : []).filter(
      (secret): secret is string => typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH,
    );
    this.#secrets = Object.freeze([...new Set(secrets)]);
    this.#anchors = Object.freeze(this.#secrets.map(anchorOf));
    this.#longestSecret = this.#secrets.reduce((longest, secret) => Math.max(longest, secret.length), 0);
    this.#shortestSecret = this.#secrets.reduce((shortest, secret) => Math.min(shortest, secret.length), Infinity);
    Object.freeze(this);
  }

  /** True when there are secret values to look for inside strings. */
  get hasSecretValues(): boolean {
    return this.enabled && this.#secrets.length > 0;
  }

  /** The length of the longest secret value (0 without any). */
  get longestSecretValue(): number {
    return this.enabled ? this.#longestSecret : 0;
  }

  /** True when the value under `key` must be redacted (default rules plus `secretKeys`). */
  isSecretKey(key: string): boolean {
    if (!this.enabled || typeof key !== 'string' || key === '') return false;
    const compact = compactKey(key);
    if (matchesDefaults(compact)) return true;
    for (const fragment of this.#fragments) if (compact.includes(fragment)) return true;
    for (const pattern of this.#patterns) if (pattern.test(key)) return true;
    return false;
  }

  /** True when `text` contains one of the secret values. */
  containsSecret(text: string): boolean {
    if (!this.enabled || text.length < this.#shortestSecret) return false;
    const secrets = this.#secrets;
    const anchors = this.#anchors;
    for (let i = 0; i < secrets.length; i += 1) {
      if (text.includes(anchors[i] as string) && text.includes(secrets[i] as string)) return true;
    }
    return false;
  }

  /** `text` with every secret value replaced by `<redacted>`. */
  scrub(text: string): string {
    if (!this.enabled || text.length < this.#shortestSecret) return text;
    const secrets = this.#secrets;
    const anchors = this.#anchors;
    let out = text;
    for (let i = 0; i < secrets.length; i += 1) {
      const secret = secrets[i] as string;
      if (out.includes(anchors[i] as string) && out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  }

  /** How capture treats `key`: {@link KeyVerdict}. */
  verdict(key: string): KeyVerdict {
    if (!this.enabled) return KEEP_KEY;
    if (this.containsSecret(key)) return DROP_KEY;
    return this.isSecretKey(key) ? REDACT_KEY : KEEP_KEY;
  }

  /** What `util.inspect` shows: never the secret values. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `SecretRedaction { enabled: ${this.enabled}, secretKeys: ${this.#fragments.length + this.#patterns.length} extra, secretValues: ${this.#secrets.length} }`;
  }

  /** What `JSON.stringify` shows: never the secret values. */
  toJSON(): Record<string, unknown> {
    return { enabled: this.enabled, extraSecretKeys: this.#fragments.length + this.#patterns.length, secretValues: this.#secrets.length };
  }
}
