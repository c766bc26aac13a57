/** The text shown in place of a secret. */
export const REDACTED_TEXT = '<redacted>';

// Shortest secret we replace verbatim: redacting "a" or "ab" would mangle every message.
const MIN_SECRET_LENGTH = 4;

const SECRET_PATTERNS: ReadonlyArray<[RegExp, string]> = [
  // Authorization: Bearer <token>, "bearer <token>" anywhere in a message.
  [/\b(Bearer)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED_TEXT}`],
  // api_key=…, apiKey: "…", x-api-key=… (query strings, JSON, headers echoed in errors).
  [/\b((?:x-)?api[_-]?key["']?\s*[:=]\s*["']?)[^\s"',;&}]+/gi, `$1${REDACTED_TEXT}`],
];

/**
 * `text` with secrets replaced by `<redacted>`: every occurrence of each string in `secrets` (at least
 * 4 characters), `Bearer <token>` and `api_key=<value>`-like fragments. Never throws.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = typeof text === 'string' ? text : String(text);
  try {
    for (const secret of secrets) {
      if (typeof secret === 'string' && secret.length >= MIN_SECRET_LENGTH) out = out.split(secret).join(REDACTED_TEXT);
    }
    for (const [pattern, replacement] of SECRET_PATTERNS) out = out.replace(pattern, replacement);
    return out;
  } catch {
    return REDACTED_TEXT;
  }
}
