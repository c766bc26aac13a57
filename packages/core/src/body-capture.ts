import { DEFAULT_FLATTEN_LIMITS, SecretRedaction, captureForJson } from '@honeyhive/utils';

/** Limits of one request body: the span path's, per top-level field. */
export interface BodyLimits {
  /** Values kept per top-level field (the tracer's `maxAttributes`). Default 1024. */
  maxEntries: number;
  /** Longer strings are cut, marker included, to this many characters. Default 65536. */
  maxStringLength: number;
  /** Containers nested deeper than this become `'[Max depth]'`. Default 10. */
  maxDepth: number;
}

/** The default {@link BodyLimits} (the span path's). */
export const DEFAULT_BODY_LIMITS: Readonly<BodyLimits> = Object.freeze({
  maxEntries: DEFAULT_FLATTEN_LIMITS.maxAttributes,
  maxStringLength: DEFAULT_FLATTEN_LIMITS.maxStringLength,
  maxDepth: DEFAULT_FLATTEN_LIMITS.maxDepth,
});

/** The key (in an object) or last item (in an array) that says entries were left out. */
export const LEFT_OUT_KEY = '[truncated]';

/**
 * Copies the user values of one request body, by the rules of the span path (`captureForJson` of
 * `@honeyhive/utils`: no user code runs, secret keys and values redacted, cycles, getters and proxies marked,
 * strings cut with `…[truncated N chars]`), and counts what had to be cut. Never throws.
 */
export class BodyCapture {
  /** Strings cut plus entries left out, over every value copied so far. */
  cuts = 0;

  constructor(
    readonly limits: BodyLimits = DEFAULT_BODY_LIMITS,
    readonly redaction: SecretRedaction = SecretRedaction.DEFAULT,
  ) {}

  /** A JSON-ready copy of `value`; undefined for undefined. Entries left out are said so in the copy itself. */
  copy(value: unknown): unknown {
    const { maxEntries, maxStringLength, maxDepth } = this.limits;
    const captured = captureForJson(value, { maxAttributes: maxEntries, maxStringLength, maxDepth, redaction: this.redaction });
    this.cuts += captured.truncated + captured.dropped;
    const copied = captured.value;
    if (captured.dropped > 0 && copied !== null && typeof copied === 'object') {
      const note = `${captured.dropped} entries left out`;
      if (Array.isArray(copied)) copied.push(`[truncated: ${note}]`);
      else (copied as Record<string, unknown>)[LEFT_OUT_KEY] = note;
    }
    return copied;
  }
}
