import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (tooling/reliability/test/support → four levels up). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/** The fixtures directory. */
const FIXTURES = path.resolve(__dirname, '..', '..', 'fixtures');

/** Brings `packages/tracer/dist` (and what it references) up to date, for children that `require` built code. */
export function ensureTracerBuilt(): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'tooling', 'scripts', 'ensure-built.mjs'), path.join(REPO_ROOT, 'packages/tracer')], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    timeout: 120_000,
  });
}

/** A fixture running as a child process. */
export interface Child {
  process: ChildProcess;
  /** stdout and stderr so far. */
  output(): string;
  /** Resolves when a stdout line matches `pattern` (rejects if the child exits first or after `timeoutMs`). */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** Resolves with how the child ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Kills it if still running (SIGKILL) and closes stdin; for cleanup. */
  kill(): void;
}

/** Starts `node fixtures/<name>` with `env` added (NODE_OPTIONS cleared, so jest's flags do not leak in). */
export function startFixture(name: string, env: Record<string, string>): Child {
  const child = spawn(process.execPath, [path.join(FIXTURES, name)], {
    cwd: FIXTURES,
    env: { ...process.env, NODE_OPTIONS: '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    for (const listener of [...listeners]) listener();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      resolve({ code, signal });
      for (const listener of [...listeners]) listener();
    }),
  );
  return {
    process: child,
    output: () => output,
    exited,
    waitForLine(pattern, timeoutMs = 30_000) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(output);
          if (match !== null) return done(() => resolve(match));
          if (child.exitCode !== null || child.signalCode !== null) done(() => reject(new Error(`${name} exited before printing ${pattern}\n${output}`)));
        };
        const timer = setTimeout(() => done(() => reject(new Error(`${name} printed no ${pattern} within ${timeoutMs} ms\n${output}`))), timeoutMs);
        const done = (settle: () => void): void => {
          clearTimeout(timer);
          listeners.delete(check);
          settle();
        };
        listeners.add(check);
        check();
      });
    },
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      child.stdin.destroy();
    },
  };
}
