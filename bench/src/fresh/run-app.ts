// Runs one tiny app in a fresh `node` process, reads its stage lines (fd 3), and optionally times the spawn
// until the local backend (another process) holds its span.
import { spawn } from 'node:child_process';
import type { BackendHost } from '../backend-host';
import { PRELOAD } from './apps';

/** Memory at one stage of an app (bytes), read after two gc() calls. */
export interface StageReading {
  stage: string;
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
}

/** What one app run gave. */
export interface AppRun {
  readings: StageReading[];
  outbound: string[];
  exitCode: number | null;
  /** Spawn until the backend held the span (ms); only when asked. */
  firstSpanMs?: number;
  /** Spawn until the process exited (ms), when it exited by itself. */
  exitMs?: number;
  /** Spans the backend counted for this run. */
  received: number;
  stderr: string;
}

/** How to run an app. */
export interface RunAppOptions {
  /** Read memory at each stage (adds --expose-gc and the probe; not for timing). */
  stages: boolean;
  /** Time spawn → first span received by the backend. */
  timeFirstSpan: boolean;
  /** Whether the app sends a span (the empty baseline does not). */
  sendsSpan: boolean;
  /** Kill the app after this long (ms). */
  timeoutMs: number;
  /** Once the app has exported (stage line or span received), wait this long for it to exit, then kill it. */
  graceMs: number;
  /** More environment variables for the app (e.g. `BENCH_OTLP_PROTOCOL`). */
  env?: Record<string, string>;
}

const AFTER_EXIT_MS = 1000;
const STRIPPED_ENV = /^(HH_|HONEYHIVE_|OTEL_|LANGFUSE_|TRACELOOP_|NODE_OPTIONS$)/;

function appEnv(backend: BackendHost, stages: boolean, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) if (!STRIPPED_ENV.test(key)) env[key] = value;
  return {
    ...env,
    BENCH_SERVER_URL: backend.urls.httpUrl,
    BENCH_OTLP_URL: backend.urls.otlpHttpUrl,
    BENCH_GRPC_URL: backend.urls.grpcUrl,
    BENCH_API_KEY: 'bench-key',
    BENCH_STAGES: stages ? '1' : '0',
    TRACELOOP_TELEMETRY: 'false',
    TRACELOOP_SYNC_ENABLED: 'false',
    HONEYHIVE_TELEMETRY: 'false',
    ...extra,
  };
}

/** Runs `file` (an app or its bundle) once; the backend is reset first and counts the spans after. */
export async function runApp(file: string, backend: BackendHost, options: RunAppOptions): Promise<AppRun> {
  await backend.reset();
  const arrived = options.timeFirstSpan ? backend.spansArrived(1, options.timeoutMs) : undefined;
  // a rejection is read below; do not let it go unhandled meanwhile
  arrived?.catch(() => undefined);
  const args = [...(options.stages ? ['--expose-gc'] : []), '-r', PRELOAD, file];
  const spawnedAt = process.hrtime.bigint();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe', 'pipe'], env: appEnv(backend, options.stages, options.env) });
  let lines = '';
  let stderr = '';
  let graceTimer: NodeJS.Timeout | undefined;
  const done = (): void => {
    graceTimer ??= setTimeout(() => child.kill('SIGKILL'), options.graceMs);
  };
  child.stdio[3]!.on('data', (chunk: Buffer) => {
    lines += chunk.toString();
    if (lines.includes('"stage":"exported"')) done();
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<{ code: number | null; atNs: bigint }>((resolve) => {
    child.on('close', (code) => resolve({ code, atNs: process.hrtime.bigint() }));
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs);
  let firstSpanMs: number | undefined;
  if (arrived) {
    // An app that exits without sending gets AFTER_EXIT_MS for a request still being decoded, not the whole timeout.
    const gaveUp = exited.then(() => new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), AFTER_EXIT_MS)));
    try {
      const at = await Promise.race([arrived, gaveUp]);
      if (at !== undefined) {
        firstSpanMs = Number(at - spawnedAt) / 1e6;
        done();
      }
    } catch {
      firstSpanMs = undefined;
    }
  }
  const exit = await exited;
  clearTimeout(timer);
  if (graceTimer) clearTimeout(graceTimer);
  const readings: StageReading[] = [];
  let outbound: string[] = [];
  for (const line of lines.split('\n')) {
    if (line.trim() === '') continue;
    const parsed = JSON.parse(line) as Partial<StageReading> & { outbound?: string[] };
    if (parsed.outbound) outbound = parsed.outbound;
    else if (parsed.stage) readings.push({ stage: parsed.stage, rss: parsed.rss!, heapUsed: parsed.heapUsed!, heapTotal: parsed.heapTotal!, external: parsed.external! });
  }
  const received = options.sendsSpan ? await backend.spanCount() : 0;
  return {
    readings,
    outbound,
    exitCode: exit.code,
    ...(firstSpanMs !== undefined ? { firstSpanMs } : {}),
    ...(exit.code !== null ? { exitMs: Number(exit.atNs - spawnedAt) / 1e6 } : {}),
    received,
    stderr,
  };
}
