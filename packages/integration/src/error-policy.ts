import { createLogger, errorMessage, toError } from '@honeyhive/utils';
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

// Bounds memory when failures carry unique messages (ids, timestamps): the oldest entries are forgotten.
const MAX_TRACKED_MESSAGES = 500;

interface MessageState {
  lastLoggedAt: number;
  suppressed: number;
}

/**
 * The error-handling policy every HoneyHive package follows: a failure in tracing code is reported here
 * and the caller carries on with a fallback (graceful degradation). Reports go to the `onError` hook and
 * to the logger, rate-limited per operation and message, with secrets removed. Nothing here throws.
 */
export class ErrorPolicy {
  private readonly logger: Logger;
  private readonly verbose: boolean;
  private readonly onError: ErrorPolicyOptions['onError'];
  private readonly rateLimitMs: number;
  private readonly now: () => number;
  // A native private field: it stays out of util.inspect(tracer) and JSON.stringify(tracer).
  readonly #secrets: string[];
  private readonly perOperation = new Map<string, number>();
  private readonly recent = new Map<string, MessageState>();
  private hookFailureNoted = false;

  constructor(options: ErrorPolicyOptions = {}) {
    this.verbose = options.verbose === true;
    this.logger = options.logger ?? createLogger({ verbose: this.verbose });
    this.onError = typeof options.onError === 'function' ? options.onError : undefined;
    const window = options.rateLimitMs;
    this.rateLimitMs = typeof window === 'number' && Number.isFinite(window) && window >= 0 ? window : DEFAULT_RATE_LIMIT_MS;
    this.now = typeof options.now === 'function' ? options.now : Date.now;
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
  report(operation: string, error: unknown, severity: ErrorSeverity = 'warn'): void {
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
  guard<T, F>(operation: string, fn: () => T, fallback: F, severity: ErrorSeverity = 'warn'): T | F {
    try {
      return fn();
    } catch (error) {
      this.report(operation, error, severity);
      return fallback;
    }
  }

  /** Awaits `fn`; on a throw or rejection, reports it under `operation` and resolves to `fallback`. Never rejects. */
  async guardAsync<T, F>(
    operation: string,
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
  counts(): Record<string, number> {
    return Object.fromEntries(this.perOperation);
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
    const key = `${operation}\u0000${message}`;
    const at = this.now();
    const state = this.recent.get(key);
    if (state !== undefined && at - state.lastLoggedAt < this.rateLimitMs) {
      state.suppressed += 1;
      return;
    }
    const suppressed = state?.suppressed ?? 0;
    this.remember(key, { lastLoggedAt: at, suppressed: 0 });
    const note = suppressed > 0 ? ` (${suppressed} more like this suppressed since the last report)` : '';
    this.write(severity, `${operation} failed: ${message}${note}`);
    if (this.verbose) {
      const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : undefined;
      if (stack !== undefined) this.write('debug', this.redact(stack));
    }
  }

  private remember(key: string, state: MessageState): void {
    this.recent.delete(key);
    this.recent.set(key, state);
    while (this.recent.size > MAX_TRACKED_MESSAGES) {
      const oldest = this.recent.keys().next().value;
      if (oldest === undefined) break;
      this.recent.delete(oldest);
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
