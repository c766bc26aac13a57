import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (tooling/e2e/test/support → four levels up). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Brings the `dist/` of a workspace package (and what it references) up to date with `tsc -b`, for the
 * child processes that `require` built packages. Incremental: fast when turbo already built them.
 */
export function ensureBuilt(packageDir: string): void {
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'tooling', 'scripts', 'ensure-built.mjs'), path.join(REPO_ROOT, packageDir)], {
    cwd: REPO_ROOT,
    stdio: 'pipe',
    timeout: 120_000,
  });
}
