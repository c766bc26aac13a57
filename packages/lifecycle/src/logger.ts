import type { Logger } from '@honeyhive/utils';

/** Logs `message` at `level`; a missing or throwing logger is ignored (a user's logger may throw). */
export function log(logger: Logger | undefined, level: keyof Logger, message: string): void {
  if (logger === undefined) return;
  try {
    logger[level](message);
  } catch {
    // a broken logger must not break flushing or shutdown
  }
}
