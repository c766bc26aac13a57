import { redactSecrets } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';

/**
 * `logger` with `secrets` (the API key), `Bearer …` tokens and `api_key=…` fragments removed from every
 * message, whoever writes it (the tracer, its lifecycle, its processor). A throwing logger is ignored.
 */
export function redactingLogger(logger: Logger, secrets: readonly string[]): Logger {
  const write =
    (level: keyof Logger) =>
    (message: string, ...args: unknown[]): void => {
      try {
        logger[level](redactSecrets(String(message), secrets), ...args);
      } catch {
        // logging must never break the caller
      }
    };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}
