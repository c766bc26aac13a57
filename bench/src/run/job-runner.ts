// Runs one job in a fresh child and books its outbound attempts and failure.
import type { BackendHost } from '../backend-host';
import { runJob, type ChildOptions } from '../child';
import type { Job, JobResult } from '../jobs';

/** Where progress lines go. */
export type Progress = (line: string) => void;

/** Runs jobs (and app runs) and collects what every section reports besides its rows. */
export class JobRunner {
  /** Non-loopback attempts by contender or app. */
  readonly outbound: Record<string, string[]> = {};
  readonly failures: string[] = [];

  constructor(
    readonly backend: BackendHost,
    readonly childOptions: ChildOptions,
    readonly progress: Progress,
  ) {}

  /** Books outbound attempts seen by `who`. */
  noteOutbound(who: string, attempts: readonly string[]): void {
    const seen = (this.outbound[who] ??= []);
    for (const attempt of attempts) if (!seen.includes(attempt)) seen.push(attempt);
  }

  /** Books a failure and prints it. */
  fail(label: string, error: string): void {
    const first = error.split('\n').slice(0, 3).join(' | ');
    this.failures.push(`${label}: ${first}`);
    this.progress(`  ${label}: FAILED (${first})`);
  }

  async run<T extends JobResult>(job: Job, label: string): Promise<T | undefined> {
    const started = Date.now();
    const output = await runJob(job, this.backend.urls, this.childOptions);
    this.noteOutbound(job.contender, output.outbound);
    if (!output.ok) {
      this.fail(label, output.error);
      return undefined;
    }
    this.progress(`  ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    return output.result as T;
  }
}

/** `items` rotated by `round` (round 1 keeps the order), so no contender always runs first. */
export function rotate<T>(items: readonly T[], round: number): T[] {
  if (items.length === 0) return [];
  const k = (round - 1) % items.length;
  return [...items.slice(k), ...items.slice(0, k)];
}
