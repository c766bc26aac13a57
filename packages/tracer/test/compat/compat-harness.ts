// Shared set-up of the npm honeyhive 1.x compatibility suite: one local backend per file, tracers shut down
// and the global OpenTelemetry state reset after each test.
import { context, propagation, trace as otelTrace } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { type HoneyHiveTracer, setDefaultTracer } from '../../src';

export const API_KEY = 'hh-compat-key';

export interface Harness {
  readonly backend: LocalBackend;
  /** Options every 1.x-style init in the suite needs to reach the local backend. */
  readonly base: { apiKey: string; serverUrl: string };
  /** Tracks a tracer for shutdown after the test. */
  keep<T extends HoneyHiveTracer>(tracer: T): T;
  /** Spans received so far with this name. */
  spansNamed(name: string): ReturnType<LocalBackend['spans']>;
}

/** Registers beforeAll/afterEach/afterAll hooks and returns the harness of this test file. */
export function useCompatHarness(): Harness {
  let backend: LocalBackend | undefined;
  const tracers: HoneyHiveTracer[] = [];
  beforeAll(async () => {
    backend = await startLocalBackend({ apiKeys: [API_KEY] });
  });
  afterEach(async () => {
    setDefaultTracer(undefined);
    await Promise.all(tracers.splice(0).map((tracer) => tracer.shutdown()));
    await backend?.reset();
    otelTrace.disable();
    context.disable();
    propagation.disable();
  });
  afterAll(async () => {
    await backend?.stop();
  });
  const harness: Harness = {
    get backend() {
      if (backend === undefined) throw new Error('the backend is not started yet');
      return backend;
    },
    get base() {
      return { apiKey: API_KEY, serverUrl: harness.backend.httpUrl };
    },
    keep(tracer) {
      tracers.push(tracer);
      return tracer;
    },
    spansNamed(name) {
      return harness.backend.spans().filter((span) => span.name === name);
    },
  };
  return harness;
}

/** Captures every console method for the duration of `fn`. */
export async function captureConsole(fn: () => Promise<void>): Promise<string[]> {
  const lines: string[] = [];
  const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
  const spies = methods.map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(`${method}: ${args.map(String).join(' ')}`);
    }),
  );
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: unknown) => {
    lines.push(`stdout: ${String(chunk)}`);
    return true;
  });
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
    write.mockRestore();
  }
  return lines;
}

/** A logger that records each line with its level. */
export function recordingLogger(): { lines: string[]; logger: { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void } } {
  const lines: string[] = [];
  const at = (level: string) => (message: string) => {
    lines.push(`${level}: ${message}`);
  };
  return { lines, logger: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') } };
}
