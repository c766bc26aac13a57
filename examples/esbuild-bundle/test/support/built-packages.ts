import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

/** The repository root (examples/esbuild-bundle/test/support → four levels up). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Brings packages/tracer/dist (and the packages it references) up to date, as their `build` scripts do: `tsc -b` for
 * the declarations, then each package's one-file CommonJS build `dist/index.js` and the ESM entry `dist/index.mjs`
 * that `import` resolves to (tooling/scripts/ensure-built.mjs). Under the test command turbo has built them already,
 * so nothing is rewritten (other tests may be loading them at that moment).
 */
export function ensureTracerBuilt(): void {
  const tracer = path.join(REPO_ROOT, 'packages', 'tracer');
  execFileSync(process.execPath, [path.join(REPO_ROOT, 'tooling', 'scripts', 'ensure-built.mjs'), tracer], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 180_000 });
}
