// The build's bundle step (tooling/scripts/bundle-dist.mjs): after `tsc -b` (declarations only), dist/index.js is
// the package's whole src/ as ONE CommonJS file: every other package stays a require() of its own, a require()
// inside a function still runs only when the function does, names survive, and no comment is left.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { BROKEN_INDEX, SOURCES } from './fixtures/bundle-sources';
import { listFiles, publishedPackages, repoRoot } from './support/workspace';

const run = promisify(execFile);
const bundle = join(repoRoot, 'tooling', 'scripts', 'bundle-dist.mjs');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hh-bundle-dist-'));
  write('tsconfig.json', JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'Node16', strict: true } }));
  // two packages of "node_modules": one the package imports, one it requires inside a function
  write('node_modules/eager-dep/index.js', "exports.shout = (text) => text.toUpperCase();\nglobalThis.eagerLoaded = true;\n");
  write('node_modules/lazy-dep/index.js', "exports.value = 42;\nglobalThis.lazyLoaded = true;\n");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

function writeSources(): void {
  for (const [file, text] of Object.entries(SOURCES)) write(file, text);
}

/** Loads dist/index.js in a child process (a fresh module cache) and reports what the test asks for. */
async function probe(): Promise<Record<string, unknown>> {
  const script = `
    const loaded = () => ({ eager: globalThis.eagerLoaded === true, lazy: globalThis.lazyLoaded === true });
    const m = require('./dist/index.js');
    const afterLoad = loaded();
    const greeting = m.greet('you');
    const lazyValue = m.loadLazily();
    process.stdout.write(JSON.stringify({
      afterLoad, afterCall: loaded(), greeting, lazyValue, label: new m.Thing().label,
      names: [m.greet.name, m.loadLazily.name, m.Thing.name, m.formatThing.name, m.formatOther.name],
      results: [m.formatThing(), m.formatOther()], exports: Object.keys(m).sort(),
      getters: Object.keys(m).filter((key) => typeof Object.getOwnPropertyDescriptor(m, key).get === 'function'),
      esModule: m.__esModule === true,
    }));`;
  const { stdout } = await run(process.execPath, ['-e', script], { cwd: dir });
  return JSON.parse(stdout) as Record<string, unknown>;
}

test('bundles src/ into one CommonJS file that behaves as the sources, loads other packages as before, keeps names', async () => {
  writeSources();
  await run(process.execPath, [bundle], { cwd: dir });

  expect(listFiles(join(dir, 'dist'))).toEqual(['index.js']);
  const code = readFileSync(join(dir, 'dist', 'index.js'), 'utf8');
  expect(code).not.toMatch(/require\(["']\.\.?\//); // no file of its own left to load
  expect(code).toMatch(/require\(["']eager-dep["']\)/);
  expect(code).not.toMatch(/COMMENT_|TSDoc|\/\/ src\//); // no comment: neither the sources' nor esbuild's
  expect(code).not.toMatch(/[^\t\n\r\x20-\x7e]/); // printable ASCII only: Node holds it as a one-byte string
  expect(code).not.toMatch(/sourceMappingURL/);
  expect(await probe()).toEqual({
    afterLoad: { eager: true, lazy: false }, // the require() inside loadLazily has not run yet
    afterCall: { eager: true, lazy: true },
    greeting: 'HELLO YOU',
    lazyValue: 42,
    label: 'thing',
    names: ['greet', 'loadLazily', 'Thing', 'format', 'format'],
    results: ['thing', 'other'],
    exports: ['Thing', 'formatOther', 'formatThing', 'greet', 'loadLazily'],
    getters: [], // plain data properties: a getter per access would be paid by every call between packages
    esModule: true,
  });
});

test('a second run rewrites nothing; a changed source is rebuilt', async () => {
  writeSources();
  await run(process.execPath, [bundle], { cwd: dir });
  const first = readFileSync(join(dir, 'dist', 'index.js'), 'utf8');
  const mtime = statSync(join(dir, 'dist', 'index.js')).mtimeMs;

  await run(process.execPath, [bundle], { cwd: dir });
  expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toBe(first);
  expect(statSync(join(dir, 'dist', 'index.js')).mtimeMs).toBe(mtime);

  write('src/other.ts', SOURCES['src/other.ts']!.replace("'other'", "'changed'"));
  await run(process.execPath, [bundle], { cwd: dir });
  expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toContain('"changed"');
});

test('fails, naming the problem, when the sources do not bundle (a value no module exports)', async () => {
  writeSources();
  write('src/index.ts', BROKEN_INDEX);
  await expect(run(process.execPath, [bundle], { cwd: dir })).rejects.toThrow(/No matching export in "src\/greet\.ts" for import \Wmissing\W/);
});

// What the packages' dist/ holds depends on how they were last built (a bare `tsc -b` writes declarations only), so
// the wiring is checked on the build scripts and tsconfig files, which every build of the test command and the
// release runs.
test.each(publishedPackages().map((pkg) => [pkg.manifest.name, pkg] as const))(
  '%s: tsc -b writes declarations only, then the build prunes, bundles and writes the ESM entry',
  (_name, pkg) => {
    expect(pkg.manifest.scripts?.['build']).toMatch(
      /tsc -b && node \.\.\/\.\.\/tooling\/scripts\/prune-dist\.mjs && node \.\.\/\.\.\/tooling\/scripts\/bundle-dist\.mjs && node \.\.\/\.\.\/tooling\/scripts\/write-esm-entry\.mjs$/,
    );
    expect(readFileSync(join(pkg.dir, 'tsconfig.json'), 'utf8')).toMatch(/"emitDeclarationOnly": true/);
  },
);
