import { redactSecrets } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';

/** Options of {@link redactingLogger}. */
export interface RedactingLoggerOptions {
  /** `logger` drops `debug` and `info` lines (the default logger without `verbose`): skip them here already. */
  quietDebug?: boolean;
}

/**
 * `logger` with `secrets` (the API key), `Bearer …` tokens and `api_key=…` fragments removed from every
 * message, whoever writes it (the tracer, its lifecycle, its processor). A throwing logger is ignored.
 */
export function redactingLogger(logger: Logger, secrets: readonly string[], options: RedactingLoggerOptions = {}): Logger {
  const quiet = options.quietDebug === true;
  const write =
    (level: keyof Logger) =>
    (message: string, ...args: unknown[]): void => {
      // a line that would be dropped anyway is not worth redacting
      if (quiet && (level === 'debug' || level === 'info')) return;
      try {
        logger[level](redactSecrets(String(message), secrets), ...args);
      } catch {
        // logging must never break the caller
      }
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
