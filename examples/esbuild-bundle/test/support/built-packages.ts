import { execFileSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root (examples/esbuild-bundle/test/support → four levels up). */
const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');

/**
 * Brings packages/tracer/dist (and the packages it references) up to date, as its `build` script does: `tsc -b`, then
 * the ESM entry `dist/index.mjs` that `import` resolves to. Under the test command turbo has built them already, so
 * `tsc -b` changes nothing and the entry is not rewritten (other tests may be loading it at that moment).
 */
export function ensureTracerBuilt(): void {
  const tracer = path.join(REPO_ROOT, 'packages', 'tracer');
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', tracer], { cwd: REPO_ROOT, stdio: 'pipe', timeout: 180_000 });
  const cjs = path.join(tracer, 'dist', 'index.js');
  const esm = path.join(tracer, 'dist', 'index.mjs');
  if (!existsSync(esm) || statSync(esm).mtimeMs < statSync(cjs).mtimeMs) {
    execFileSync(process.execPath, [path.join(REPO_ROOT, 'tooling', 'scripts', 'write-esm-entry.mjs')], { cwd: tracer, stdio: 'pipe', timeout: 60_000 });
  }
}
