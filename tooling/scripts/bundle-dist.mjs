// Writes dist/index.js of the package the build runs in as ONE CommonJS file: esbuild bundles the package's own
// src/ from src/index.ts, and every other package (ours, OpenTelemetry, Node's) stays a `require()` of its own, so
// each package still has one copy of its module state and an app still resolves one copy of each dependency.
// `tsc -b` writes only the declarations (`emitDeclarationOnly` in each package's tsconfig.json): the .d.ts files
// keep the TSDoc for editors, the JavaScript is this one file.
//
// Why one file: Node resolves, reads, wraps and compiles each module of its own; the eight packages were 212 small
// modules, and an app's bundler carried a CommonJS shell for each (export getters, `(0, m.f)` calls, preambles).
// One scope-hoisted file per package loads faster and bundles smaller. What stays as it was:
// - a `require()` written inside a function (the optional gRPC transport, the OTLP serializers, HTTP tracing) is
//   still a call at run time, so what it loads is loaded only when it is used;
// - names: `keepNames` keeps every function's and class's `name` (stack traces, `constructor.name`), and nothing is
//   minified: a stack trace points at readable code in the order of src/;
// - no source map (docs/package-contents.md); no comment (strip-js-comments.mjs: esbuild keeps some of the sources'
//   and adds its own), so the file is ASCII only (esbuild escapes the rest) and Node holds it as a one-byte string.
//
// - exports are plain data properties: esbuild's CommonJS output reads each export through two getters (its
//   `__export` and `__toCommonJS` shells), and every call from one of our packages into another paid them (6-9 % of
//   a decorated call's CPU). No package exports a binding that changes after load (`export let`), so a copy of the
//   values taken when the module has run is the same API.
//
//   node bundle-dist.mjs            the package in the current directory (its build script, after `tsc -b`)
//   import { bundleDist } from …    the same for a given package directory (ensure-built.mjs)
import esbuild from 'esbuild';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { stripComments } from './strip-js-comments.mjs';

/** Appended to the bundle: replaces the getter-backed exports object by one of plain data properties. */
const PLAIN_EXPORTS = `{
  const plain = {};
  for (const key of Object.keys(module.exports)) plain[key] = module.exports[key];
  Object.defineProperty(plain, "__esModule", { value: true });
  module.exports = plain;
}
`;

/**
 * Bundles `dir`/src/index.ts into `dir`/dist/index.js. The file is replaced in one step (write aside, rename) and
 * only when its content changes, so a process loading it meanwhile reads the old or the new file, never half of one.
 * @returns whether dist/index.js was (re)written
 */
export async function bundleDist(dir) {
  const result = await esbuild.build({
    absWorkingDir: dir,
    entryPoints: [join(dir, 'src', 'index.ts')],
    tsconfig: join(dir, 'tsconfig.json'),
    bundle: true,
    packages: 'external',
    format: 'cjs',
    platform: 'node',
    target: 'es2022', // the target of tooling/tsconfig/base.json
    keepNames: true,
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    charset: 'ascii',
    write: false,
    outfile: join(dir, 'dist', 'index.js'),
    logLevel: 'silent',
  });
  for (const warning of result.warnings) console.warn(`bundle-dist (${dir}): ${warning.text}`);
  const target = join(dir, 'dist', 'index.js');
  const text = stripComments(result.outputFiles[0].text, target) + PLAIN_EXPORTS;
  if (existsSync(target) && readFileSync(target, 'utf8') === text) return false;
  mkdirSync(join(dir, 'dist'), { recursive: true });
  const aside = `${target}.${process.pid}.tmp`;
  writeFileSync(aside, text);
  renameSync(aside, target);
  return true;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await bundleDist(process.cwd());
}
