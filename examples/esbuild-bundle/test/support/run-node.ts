import { spawn } from 'node:child_process';

/** How a `node` child process ended. */
export interface NodeRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `node <file>` in `cwd` with `env` added to a clean copy of this process's environment, and resolves when it
 * exits. `timeoutMs` only bounds a hung child (it is then killed, and the run shows `code: null`).
 */
export function runNode(file: string, cwd: string, env: Record<string, string>, timeoutMs = 90_000): Promise<NodeRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [file], { cwd, env: { ...process.env, NODE_OPTIONS: '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The JSON line the app prints last on stdout (throws, with the child's output, when there is none). */
export function lastJsonLine<T>(run: NodeRun): T {
  const line = run.stdout.trim().split('\n').filter((l) => l.startsWith('{')).pop();
  if (line === undefined) {
    // the tail only: a minified bundle's stack trace quotes a whole source line
    throw new Error(`no JSON line (exit ${run.code})\n--- stdout ---\n${run.stdout.slice(-2000)}\n--- stderr ---\n${run.stderr.slice(-2000)}`);
  }
  return JSON.parse(line) as T;
}
