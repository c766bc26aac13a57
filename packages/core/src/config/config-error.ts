import { HoneyHiveError } from '@honeyhive/integration';
import { formatConfigProblem } from './config-problem';
import type { ConfigProblem } from './config-problem';

/** Thrown for invalid configuration when `strict: true` (or by {@link assertValidConfig}). */
export class HoneyHiveConfigError extends HoneyHiveError {
  /** Every problem found, not just the first. */
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    const lines = problems.map(formatConfigProblem);
    const summary = problems.length === 1 ? (lines[0] as string) : `${problems.length} configuration problems:\n${lines.join('\n')}`;
    super('HH_CONFIG_INVALID', summary);
    this.problems = Object.freeze([...problems]);
  }
}

/** Throws {@link HoneyHiveConfigError} when `result.problems` is not empty. */
export function assertValidConfig(result: { problems: readonly ConfigProblem[] }): void {
  if (result.problems.length > 0) throw new HoneyHiveConfigError(result.problems);
}
