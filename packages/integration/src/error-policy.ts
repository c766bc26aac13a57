import { createLogger, errorMessage, RateLimiter, toError } from '@honeyhive/utils';
import type { Logger } from '@honeyhive/utils';
import { redactSecrets } from './redact';
import { redactError } from './redact-error';

/** How bad a reported failure is: `warn` (degraded, e.g. one export failed) or `error` (a feature stopped working). */
export type ErrorSeverity = 'warn' | 'error';

/** What {@link ErrorPolicyOptions.onError} learns besides the error. */
export interface ErrorInfo {
  /** The operation that failed, e.g. `export`, `session.start`, `enrichSpan`. */
  operation: string;
  severity: ErrorSeverity;
}

/** Options of {@link ErrorPolicy}. */
export interface ErrorPolicyOptions {
  /** Where lines go. Default: `createLogger({ verbose })` from `@honeyhive/utils` (warn/error lines only, unless verbose). */
  logger?: Logger;
  /** Also log each failure's stack (redacted) at debug level. Default false. */
  verbose?: boolean;
  /**
   * Called for every reported failure (not rate-limited) with the error: the original one, or, when any of its
   * strings (message, stack, causes, fields such as an echoed response body) holds a secret, a copy of it
   * (same class and fields) with the secrets replaced by `<redacted>`, as in the logs. A hook that throws is
   * ignored, and that is logged once.
   */
  onError?: (error: Error, info: ErrorInfo) => void;
  /** Window in which repeats of the same operation and message are counted instead of logged. Default 60000. */
  rateLimitMs?: number;
  /** Strings removed from every logged message (the API key, header values). `Bearer …` tokens are always removed. */
  secrets?: readonly string[];
  /** Clock in milliseconds; for tests. Default `Date.now`. */
  now?: () => number;
}

/** The default {@link ErrorPolicyOptions.rateLimitMs}. */
export const DEFAULT_RATE_LIMIT_MS = 60_000;

/**
 * The error-handling policy every HoneyHive package follows: a failure in tracing code is reported here
 * and the caller carries on with a fallback (graceful degradation). Reports go to the `onError` hook and
 * to the logger, rate-limited per operation and message, with secrets removed. Nothing here throws.
 *
 * `Operation` is the set of operation names a caller reports under (e.g. a tracer's union of them); any string by
 * default.
 */
export class ErrorPolicy<Operation extends string = string> {
  private readonly logger: Logger;
  private readonly verbose: boolean;
  private readonly onError: ErrorPolicyOptions['onError'];
  private readonly limiter: RateLimiter;
  // A native private field: it stays out of util.inspect(tracer) and JSON.stringify(tracer).
  readonly #secrets: string[];
  private readonly perOperation = new Map<string, number>();
  private hookFailureNoted = false;

  constructor(options: ErrorPolicyOptions = {}) {
    this.verbose = options.verbose === true;
    this.logger = options.logger ?? createLogger({ verbose: this.verbose });
    this.onError = typeof options.onError === 'function' ? options.onError : undefined;
    const window = options.rateLimitMs;
    const rateLimitMs = typeof window === 'number' && Number.isFinite(window) && window >= 0 ? window : DEFAULT_RATE_LIMIT_MS;
    this.limiter = new RateLimiter(rateLimitMs, typeof options.now === 'function' ? options.now : Date.now);
    this.#secrets = (options.secrets ?? []).filter((secret): secret is string => typeof secret === 'string');
  }

  /** Adds strings to redact from later messages (e.g. an API key known only after configuration). */
  addSecrets(...secrets: string[]): void {
    for (const secret of secrets) if (typeof secret === 'string' && !this.#secrets.includes(secret)) this.#secrets.push(secret);
  }

  /** `text` with this policy's secrets removed. */
  redact(text: string): string {
    return redactSecrets(text, this.#secrets);
  }

  /**
   * Records a failure of `operation`: counts it, passes it to `onError`, and logs it unless the same
   * operation and message was logged within the rate-limit window (then it is counted, and the next line
   * logged for it says how many were suppressed). Never throws.
   */
  report(operation: Operation, error: unknown, severity: ErrorSeverity = 'warn'): void {
    try {
      const op = typeof operation === 'string' && operation !== '' ? operation : 'unknown';
      const level: ErrorSeverity = severity === 'error' ? 'error' : 'warn';
      this.perOperation.set(op, (this.perOperation.get(op) ?? 0) + 1);
      this.callHook(op, error, level);
      this.log(op, error, level);
    } catch {
      // the policy itself must never become the failure
    }
  }

  /** Runs `fn`; on a throw, reports it under `operation` and returns `fallback`. Never throws. */
  guard<T, F>(operation: Operation, fn: () => T, fallback: F, severity: ErrorSeverity = 'warn'): T | F {
    try {
      return fn();
    } catch (error) {
      this.report(operation, error, severity);
      return fallback;
    }
  }

  /** Awaits `fn`; on a throw or rejection, reports it under `operation` and resolves to `fallback`. Never rejects. */
  async guardAsync<T, F>(
    operation: Operation,
    fn: () => T | Promise<T>,
    fallback: F,
    severity: ErrorSeverity = 'warn',
  ): Promise<T | F> {
    try {
      return await fn();
    } catch (error) {
      this.report(operation, error, severity);
      return fallback;
    }
  }

  /** How many failures were reported per operation, logged or not. A copy. */
  counts(): Partial<Record<Operation, number>> {
    // keyed by the operations reported (`unknown` for a caller outside the type system that named none)
    return Object.fromEntries(this.perOperation) as Partial<Record<Operation, number>>;
  }

  private callHook(operation: string, error: unknown, severity: ErrorSeverity): void {
    if (this.onError === undefined) return;
    try {
      this.onError(redactError(toError(error), this.#secrets), { operation, severity });
    } catch (hookError) {
      if (this.hookFailureNoted) return;
      this.hookFailureNoted = true;
      this.write('warn', `the onError hook threw (${this.redact(errorMessage(hookError))}); later hook failures are ignored`);
    }
  }

  private log(operation: string, error: unknown, severity: ErrorSeverity): void {
    const message = this.redact(errorMessage(error));
    const suppressed = this.limiter.admit(`${operation}\u0000${message}`);
    if (suppressed === undefined) return;
    const note = suppressed > 0 ? ` (${suppressed} more like this suppressed since the last report)` : '';
    this.write(severity, `${operation} failed: ${message}${note}`);
    if (this.verbose) {
      const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
      if (stack !== undefined) this.write('debug', this.redact(stack));
    }
  }

  private write(level: 'debug' | 'warn' | 'error', line: string): void {
    try {
      this.logger[level](line);
    } catch {
      // a throwing logger is the user's bug; it must not become ours
    }
  }
}
