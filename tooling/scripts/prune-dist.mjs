// Removes from dist/ every file the current build does not produce, in the package the build runs in: declarations
// of a deleted or renamed module, and leftovers of older settings (source maps, build info, the one-file-per-module
// JavaScript of earlier builds), which `tsc -b` leaves in place. dist/ holds a .d.ts per module of src/ (`tsc -b`
// writes only declarations), the one-file CommonJS build index.js (bundle-dist.mjs) and the ESM entry index.mjs and
// index.d.mts (write-esm-entry.mjs). dist/ is never emptied, so a build does not pull the package from under a test
// running beside it. Run it right after `tsc -b`; the steps after it rewrite their own files.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join, relative } from 'node:path';

const src = join(process.cwd(), 'src');
const dist = join(process.cwd(), 'dist');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? files(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

const expected = new Set(
  files(src)
    .map((file) => relative(src, file))
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts') && !/\.(test|spec)\.ts$/.test(file))
    .map((file) => file.replace(/\.ts$/, '.d.ts'))
    .concat(['index.js', 'index.mjs', 'index.d.mts']), // rewritten by the next steps; kept so the entry is never missing
);
for (const file of files(dist)) {
  if (!expected.has(relative(dist, file))) rmSync(file);
}
