import { context, propagation, trace } from '@opentelemetry/api';
import type { Logger } from '@honeyhive/utils';
import { HoneyHiveTracerBase, TracerContextMixin, TracerOperationsMixin, type HoneyHiveTracerOptions } from '../../src';

/** The composition the tracer package ships, built here from core alone. */
export class TestTracer extends TracerContextMixin(TracerOperationsMixin(HoneyHiveTracerBase)) {
  constructor(options?: HoneyHiveTracerOptions) {
    super(options);
  }
}

/** A logger that keeps every line, per level. */
export interface CollectingLogger extends Logger {
  lines: Array<{ level: string; message: string }>;
  at(level: string): string[];
}

export function collectingLogger(): CollectingLogger {
  const lines: Array<{ level: string; message: string }> = [];
  const write = (level: string) => (message: string) => {
    lines.push({ level, message });
  };
  return {
    lines,
    at: (level) => lines.filter((line) => line.level === level).map((line) => line.message),
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
  };
}

/** Forgets the OpenTelemetry globals (provider, context manager, propagator) between tests. */
export function resetOtelGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
