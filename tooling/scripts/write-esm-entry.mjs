// Writes dist/index.mjs, the `import` entry of a package, as a thin ES-module facade over the
// CommonJS build. One copy of the code serves both module systems, so module-level state (the
// tracer registry) is never duplicated when an app mixes `import` and `require`.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dist = join(process.cwd(), 'dist');
const require = createRequire(join(dist, 'index.js'));
const names = Object.keys(require('./index.js')).filter((name) => name !== 'default' && name !== '__esModule');
const lines = ["import cjs from './index.js';"];
if (names.length > 0) lines.push(`export const { ${names.join(', ')} } = cjs;`);
lines.push('export default cjs;', '');
writeFileSync(join(dist, 'index.mjs'), lines.join('\n'));

// dist/index.d.mts: the `import` condition's types, an ES-module declaration over the CommonJS one (the same types,
// as the same code). Without it, `import` resolves the CommonJS index.d.ts: types "masquerading as CJS".
writeFileSync(join(dist, 'index.d.mts'), ["export * from './index.js';", "import cjs from './index.js';", 'export default cjs;', ''].join('\n'));
