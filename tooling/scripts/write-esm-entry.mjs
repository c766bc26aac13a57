// Writes dist/index.mjs, the `import` entry of a package, as a thin ES-module facade over the
// CommonJS build. One copy of the code serves both module systems, so module-level state (the
// tracer registry) is never duplicated when an app mixes `import` and `require`.
//
//   node write-esm-entry.mjs          the package in the current directory (its build script, last step)
//   import { writeEsmEntry } from …   the same for a given package directory (ensure-built.mjs)
import { createRequire } from 'node:module';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Writes a file only when its content changes: a process may be loading the old one at that moment. */
function writeIfChanged(file, text) {
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return;
  writeFileSync(file, text);
}

export function writeEsmEntry(dir) {
  const dist = join(dir, 'dist');
  const require = createRequire(join(dist, 'index.js'));
  const names = Object.keys(require('./index.js')).filter((name) => name !== 'default' && name !== '__esModule');
  const lines = ["import cjs from './index.js';"];
  if (names.length > 0) lines.push(`export const { ${names.join(', ')} } = cjs;`);
  lines.push('export default cjs;', '');
  writeIfChanged(join(dist, 'index.mjs'), lines.join('\n'));

  // dist/index.d.mts: the `import` condition's types, an ES-module declaration over the CommonJS one (the same types,
  // as the same code). Without it, `import` resolves the CommonJS index.d.ts: types "masquerading as CJS".
  writeIfChanged(join(dist, 'index.d.mts'), ["export * from './index.js';", "import cjs from './index.js';", 'export default cjs;', ''].join('\n'));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeEsmEntry(process.cwd());
}
