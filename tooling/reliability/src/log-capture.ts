import type { Logger } from '@honeyhive/tracer';

/** One line a tracer logged, with its extra arguments rendered as text. */
export interface CapturedLine {
  /** `debug`, `info`, `warn` or `error`. */
  level: keyof Logger;
  /** The message and every extra argument, rendered (errors with their message and stack). */
  text: string;
}

function render(value: unknown): string {
  if (value instanceof Error) return `${value.name}: ${value.message}\n${value.stack ?? ''}`;
  if (typeof value === 'string') return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    try {
      return String(value);
    } catch {
      return '[unrenderable]';
    }
  }
}

/** A logger that keeps every line (for scanning) and prints nothing. */
export class CapturingLogger implements Logger {
  /** Everything logged so far, in order. */
  readonly lines: CapturedLine[] = [];

  debug(msg: string, ...args: unknown[]): void {
    this.keep('debug', msg, args);
  }

  info(msg: string, ...args: unknown[]): void {
    this.keep('info', msg, args);
  }

  warn(msg: string, ...args: unknown[]): void {
    this.keep('warn', msg, args);
  }

  error(msg: string, ...args: unknown[]): void {
    this.keep('error', msg, args);
  }

  /** All lines as one text (for `includes` scans). */
  text(): string {
    return this.lines.map((line) => `${line.level} ${line.text}`).join('\n');
  }

  private keep(level: keyof Logger, msg: unknown, args: unknown[]): void {
    this.lines.push({ level, text: [msg, ...args].map(render).join(' ') });
  }
}
