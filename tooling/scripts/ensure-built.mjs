// Brings the dist/ of workspace packages up to date for tests whose child processes `require` built code: `tsc -b`
// (declarations, and the type errors), then, for each package and every package its tsconfig references, the
// one-file CommonJS build (bundle-dist.mjs) and the ESM entry (write-esm-entry.mjs) — what each package's build
// script does, minus the steps that only a release needs. A bare `tsc -b` no longer writes any JavaScript.
// Incremental and quiet: a file is rewritten only when its content changes (other tests may be loading it).
//
//   node tooling/scripts/ensure-built.mjs <package dir>...
//
// Exits non-zero when `tsc -b` fails and left a package without dist/index.js, or when a bundle fails.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { bundleDist } from './bundle-dist.mjs';
import { writeEsmEntry } from './write-esm-entry.mjs';

const require = createRequire(import.meta.url);

/** The package directories `dir` references in its tsconfig.json, transitively, dependencies first, then `dir`. */
function withReferences(dir, seen = new Set()) {
  if (seen.has(dir)) return [];
  seen.add(dir);
  const config = join(dir, 'tsconfig.json');
  // tsconfig.json may hold comments and trailing commas: read it as TypeScript does
  const ts = require('typescript');
  const parsed = existsSync(config) ? ts.readConfigFile(config, ts.sys.readFile).config ?? {} : {};
  const refs = (parsed.references ?? []).map((ref) => resolve(dir, ref.path));
  return [...refs.flatMap((ref) => withReferences(ref.endsWith('.json') ? dirname(ref) : ref, seen)), dir];
}

/** A package built by bundle-dist.mjs: its build script runs it. */
function isBundled(dir) {
  const manifest = join(dir, 'package.json');
  if (!existsSync(manifest) || !existsSync(join(dir, 'src', 'index.ts'))) return false;
  return /bundle-dist\.mjs/.test(JSON.parse(readFileSync(manifest, 'utf8')).scripts?.build ?? '');
}

const dirs = process.argv.slice(2).map((dir) => resolve(dir));
if (dirs.length === 0) {
  console.error('usage: node ensure-built.mjs <package dir>...');
  process.exit(2);
}

const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', ...dirs], { encoding: 'utf8' });
const packages = [...new Set(dirs.flatMap((dir) => withReferences(dir)))].filter(isBundled);
for (const dir of packages) await bundleDist(dir);
for (const dir of packages) writeEsmEntry(dir);
// tsc -b still writes the declarations when it finds type errors (the typecheck reports those); the bundle does
// not need them, so only a failure that left no build behind stops the caller
if (tsc.status !== 0 && packages.some((dir) => !existsSync(join(dir, 'dist', 'index.d.ts')))) {
  console.error(`tsc -b failed:\n${tsc.stdout}${tsc.stderr}`);
  process.exit(1);
}
