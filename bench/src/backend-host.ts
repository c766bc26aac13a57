import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { BackendUrls } from './contenders/types';
import type { BackendRequest } from './backend-process';

/** The local backend running in its own process, driven over IPC. */
export class BackendHost {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  private constructor(
    private readonly child: ChildProcess,
    /** Where it listens. */
    readonly urls: BackendUrls,
  ) {
    child.on('message', (message: { id?: number; value?: unknown; error?: string }) => {
      const waiter = message.id !== undefined ? this.pending.get(message.id) : undefined;
      if (!waiter || message.id === undefined) return;
      this.pending.delete(message.id);
      if (message.error !== undefined) waiter.reject(new Error(message.error));
      else waiter.resolve(message.value);
    });
  }

  /** Starts the backend process and waits until it listens. */
  static start(): Promise<BackendHost> {
    const child = fork(path.join(__dirname, 'backend-process.js'), [], {
      stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
      env: { ...process.env, NODE_OPTIONS: '' },
    });
    return new Promise((resolve, reject) => {
      const onMessage = (message: { type?: string; urls?: BackendUrls }): void => {
        if (message.type !== 'ready' || !message.urls) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(new BackendHost(child, message.urls));
      };
      const onExit = (code: number | null): void => reject(new Error(`local backend process exited (${code}) before it listened`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  }

  private request(type: 'reset' | 'count' | 'stop' | 'sink-count', extra?: undefined): Promise<unknown>;
  private request(type: 'await-spans', extra: { count: number; timeoutMs: number }): Promise<unknown>;
  private request(type: BackendRequest['type'], extra?: { count: number; timeoutMs: number }): Promise<unknown> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, type, ...extra } as BackendRequest);
    });
  }

  /**
   * Resolves with the monotonic time (`process.hrtime.bigint()`, the same clock in every process) at which the
   * backend held `count` spans since the last reset; rejects after `timeoutMs`.
   */
  async spansArrived(count: number, timeoutMs: number): Promise<bigint> {
    return BigInt(String(await this.request('await-spans', { count, timeoutMs })));
  }

  /** Forgets every received span. */
  async reset(): Promise<void> {
    await this.request('reset');
  }

  /** Spans the lean receiver of the specification protocol counted since the last reset. */
  async sinkSpanCount(): Promise<number> {
    return Number(await this.request('sink-count'));
  }

  /** Spans received since the last reset. */
  async spanCount(): Promise<number> {
    return Number(await this.request('count'));
  }

  /** Stops the backend and its process. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.request('stop').catch(() => undefined);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000).unref())]);
    if (this.child.exitCode === null) this.child.kill('SIGKILL');
  }
}
