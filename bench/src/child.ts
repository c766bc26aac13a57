import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BackendUrls } from './contenders/types';
import type { Job, WorkerOutput } from './jobs';

/** Extra node flags for every benchmark child (e.g. --cpu-prof), from the orchestrator's options. */
export interface ChildOptions {
  execArgv?: string[];
  env?: Record<string, string>;
  timeoutMs?: number;
}

/**
 * Runs one job in a fresh `node --expose-gc` child and resolves with its answer. The child's stdout is
 * discarded (peers print banners); its stderr is kept for the error message. A child that outlives the
 * timeout is killed (by its pid: only this child).
 */
export function runJob(job: Job, backend: BackendUrls, options: ChildOptions = {}): Promise<WorkerOutput> {
  const worker = path.join(__dirname, 'worker.js');
  return new Promise((resolve) => {
    const child: ChildProcess = fork(worker, [], {
      execArgv: ['--expose-gc', ...(options.execArgv ?? [])],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '', ...options.env },
    });
    let stderr = '';
    let answer: WorkerOutput | undefined;
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    const timer = setTimeout(() => {
      stderr += `\n(killed after ${options.timeoutMs} ms)`;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 180_000);
    child.on('message', (message: WorkerOutput) => {
      answer = message;
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(answer ?? { ok: false, error: `child exited (${signal ?? code}) without an answer\n${stderr.trim()}`, outbound: [] });
    });
    child.send({ job, backend });
  });
}
