// The build's prune step (tooling/scripts/prune-dist.mjs): after `tsc -b`, dist/ holds what the current build
// produces and nothing else (a .d.ts per module of src/, the one-file index.js, the ESM entry), so a tarball never
// ships the output of a deleted module, the per-module JavaScript of an earlier build, or an old setting's leftovers.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { listFiles, repoRoot } from './support/workspace';

const run = promisify(execFile);
const prune = join(repoRoot, 'tooling', 'scripts', 'prune-dist.mjs');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hh-prune-dist-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(files: string[]): void {
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), 'x');
  }
}

test('removes what src/ no longer produces and keeps the rest', async () => {
  write(['src/index.ts', 'src/config/options.ts', 'src/types.d.ts', 'src/index.test.ts']);
  const current = ['dist/index.js', 'dist/index.d.ts', 'dist/config/options.d.ts', 'dist/index.mjs', 'dist/index.d.mts'];
  const leftovers = [
    'dist/config/options.js', // a module's own JavaScript, from before the one-file build
    'dist/index.js.12345.tmp', // a bundle step that was killed before its rename
    'dist/removed-module.js',
    'dist/removed-module.d.ts',
    'dist/config/renamed.js',
    'dist/index.js.map',
    'dist/index.d.ts.map',
    'dist/tsconfig.tsbuildinfo',
    'dist/index.test.js',
  ];
  write([...current, ...leftovers]);

  await run(process.execPath, [prune], { cwd: dir });

  expect(listFiles(join(dir, 'dist')).map((file) => `dist/${file}`).sort()).toEqual([...current].sort());
  expect(listFiles(join(dir, 'src')).sort()).toEqual(['config/options.ts', 'index.test.ts', 'index.ts', 'types.d.ts']);
});

test('does nothing when there is no dist/ yet', async () => {
  write(['src/index.ts']);
  await expect(run(process.execPath, [prune], { cwd: dir })).resolves.toBeDefined();
  expect(listFiles(join(dir, 'dist'))).toEqual([]);
});
