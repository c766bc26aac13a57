import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';

/** A fixture server running in a child process. */
export interface ChildServer {
  /** The port it printed (`PORT=<n>`). */
  readonly port: number;
  /** Everything it wrote to stdout and stderr so far (for failure messages). */
  output(): string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves with the exit code once it has exited. Idempotent. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * Starts `node <script>` with `env` added to this process's environment, and resolves once it prints
 * `PORT=<n>`. Rejects (and kills the child) when it exits first or prints nothing within `timeoutMs`.
 */
export function startChildServer(script: string, env: Record<string, string>, timeoutMs = 30_000): Promise<ChildServer> {
  const child: ChildProcess = spawn(process.execPath, [script], {
    cwd: __dirname,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let stopping: Promise<number | null> | undefined;
  // The grace outlasts the child's own bounded shutdown (its tracer's 5 s) with room for a loaded machine.
  const stop = (graceMs = 30_000): Promise<number | null> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
        try {
          return await exited;
        } finally {
          clearTimeout(timer);
          child.stdin?.destroy();
        }
      }
      child.stdin?.destroy();
      return child.exitCode;
    })();
    return stopping;
  };
  return new Promise<ChildServer>((resolve, reject) => {
    let settled = false;
    const fail = (reason: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void stop(500).then(() => reject(new Error(`${reason}\n--- child output ---\n${output}`)));
    };
    const timer = setTimeout(() => fail(`${script} printed no PORT within ${timeoutMs} ms`), timeoutMs);
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const match = /PORT=(\d+)/.exec(output);
      if (match !== null && !settled) {
        settled = true;
        clearTimeout(timer);
        resolve({ port: Number(match[1]), output: () => output, stop });
      }
    });
    void exited.then((code) => fail(`${script} exited with code ${code} before printing a PORT`));
  });
}
