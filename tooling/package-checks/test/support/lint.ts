// Runs publint and arethetypeswrong on tarballs through lint-tarballs.mjs (both tools are ES modules only).
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface LintResult {
  tarball: string;
  /** publint messages of every level (suggestion, warning, error), formatted. */
  publint: string[];
  /** arethetypeswrong problems, formatted. */
  attw: string[];
}

export async function lintTarballs(tarballs: string[]): Promise<LintResult[]> {
  const { stdout } = await run(process.execPath, [join(__dirname, 'lint-tarballs.mjs'), ...tarballs], {
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(stdout) as LintResult[];
}
