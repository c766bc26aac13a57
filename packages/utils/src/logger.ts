/** A minimal logger. Calls never throw. */
export interface Logger {
  debug(msg: string, ...args: unknown[]): void;
  info(msg: string, ...args: unknown[]): void;
  warn(msg: string, ...args: unknown[]): void;
  error(msg: string, ...args: unknown[]): void;
}

/** Where a logger writes; `console` by default. */
export type LogSink = Pick<Console, 'debug' | 'info' | 'warn' | 'error'>;

/** Options of {@link createLogger}. */
export interface LoggerOptions {
  /** Print `debug` and `info` too. Default false: only `warn` and `error` (rare and actionable) print. */
  verbose?: boolean;
  /** Put before every message. Default `'[honeyhive]'`; `''` for none. */
  prefix?: string;
  /** Where to write. Default `console`. */
  sink?: LogSink;
}

/** The default message prefix. */
export const DEFAULT_LOG_PREFIX = '[honeyhive]';

type Level = keyof LogSink;

function noop(): void {}

/** A logger that prints nothing at all. */
export const silentLogger: Logger = Object.freeze({ debug: noop, info: noop, warn: noop, error: noop });

/**
 * A logger writing to `sink` (default `console`) with `prefix` before each message. `debug`/`info`
 * print only when `verbose`; `warn`/`error` always. A failing sink is ignored.
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const verbose = options.verbose === true;
  const prefix = typeof options.prefix === 'string' ? options.prefix : DEFAULT_LOG_PREFIX;
  const sink = options.sink;
  const write = (level: Level) =>
    function log(msg: string, ...args: unknown[]): void {
      try {
        const target: LogSink = sink ?? console;
        const text = typeof msg === 'string' ? msg : String(msg);
        target[level](prefix === '' ? text : `${prefix} ${text}`, ...args);
      } catch {
        // logging must never break the caller
      }
    };
  return {
    debug: verbose ? write('debug') : noop,
    info: verbose ? write('info') : noop,
    warn: write('warn'),
    error: write('error'),
  };
}
