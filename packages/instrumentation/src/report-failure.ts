import { errorMessage } from '@honeyhive/utils';
import type { Logger } from '@honeyhive/utils';

/** Reports a swallowed tracing failure at debug level; silent without a logger. Never throws. */
export function reportFailure(logger: Logger | undefined, what: string, error: unknown): void {
  if (logger === undefined) return;
  try {
    logger.debug(`instrumentation: ${what} failed: ${errorMessage(error)}`);
  } catch {
    // a logger that throws must not break the caller
  }
}
