// Packs every published package as `pnpm publish` would and checks the tarball a user installs: publint and
// arethetypeswrong report nothing, the legal and release files are in, build leftovers and tests are out, no
// `workspace:` range is left, and the manifest says where the code lives.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { lintTarballs, type LintResult } from './support/lint';
import { dryRunPackFiles, packPublicPackages, readTarballFiles, unpublishableRanges } from './support/pack';
import { publishedPackages, repoRoot, type Manifest } from './support/workspace';

const REPOSITORY = 'https://github.com/honeyhiveai/honeyhive-typescript';
const packages = publishedPackages();

let destination = '';
const contents = new Map<string, Map<string, Buffer>>();
const lint = new Map<string, LintResult>();

beforeAll(async () => {
  destination = mkdtempSync(join(tmpdir(), 'hh-package-checks-'));
  const packed = packPublicPackages(destination);
  for (const { name, tarball } of packed) contents.set(name, readTarballFiles(tarball));
  const results = await lintTarballs(packed.map((pkg) => pkg.tarball));
  for (const { name, tarball } of packed) {
    const result = results.find((entry) => entry.tarball === tarball);
    if (result) lint.set(name, result);
  }
}, 180_000);

afterAll(() => {
  if (destination) rmSync(destination, { recursive: true, force: true });
});

function filesOf(name: string): Map<string, Buffer> {
  const files = contents.get(name);
  if (!files) throw new Error(`${name} was not packed`);
  return files;
}

function packedManifest(name: string): Manifest {
  const raw = filesOf(name).get('package.json');
  if (!raw) throw new Error(`${name}: the tarball has no package.json`);
  return JSON.parse(raw.toString('utf8')) as Manifest;
}

test('the eight layered packages are the published ones', () => {
  expect(packages.map((pkg) => pkg.manifest.name)).toEqual([
    '@honeyhive/core',
    '@honeyhive/infra',
    '@honeyhive/instrumentation',
    '@honeyhive/integration',
    '@honeyhive/lifecycle',
    '@honeyhive/processing',
    '@honeyhive/tracer',
    '@honeyhive/utils',
  ]);
});

describe.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s tarball', (name, pkg) => {
  test('publint reports nothing (no error, warning or suggestion)', () => {
    expect(lint.get(name)?.publint).toEqual([]);
  });

  test('arethetypeswrong finds no problem in any module resolution', () => {
    expect(lint.get(name)?.attw).toEqual([]);
  });

  test('ships LICENSE (the repository Apache-2.0 text), README.md, and CHANGELOG.md when the package has one', () => {
    const files = filesOf(name);
    expect(files.get('LICENSE')?.toString('utf8')).toBe(readFileSync(join(repoRoot, 'LICENSE'), 'utf8'));
    expect(packedManifest(name).license).toBe('Apache-2.0');
    expect(files.has('README.md')).toBe(true);
    expect(files.has('CHANGELOG.md')).toBe(existsSync(join(pkg.dir, 'CHANGELOG.md')));
  });

  test('ships no build info, tests, or source maps', () => {
    const paths = [...filesOf(name).keys()];
    expect(paths.filter((path) => /tsbuildinfo/.test(path))).toEqual([]);
    expect(paths.filter((path) => /(^|\/)(test|tests|__tests__)\/|\.(test|spec)\.[cm]?[jt]s$/.test(path))).toEqual([]);
    // The maps pointed at a src/ that is not shipped; the tsc output they mapped is readable as it is.
    expect(paths.filter((path) => path.endsWith('.map'))).toEqual([]);
    const mapComments = paths.filter((path) => /sourceMappingURL=/.test(filesOf(name).get(path)?.toString('utf8') ?? ''));
    expect(mapComments).toEqual([]);
  });

  test('ships only output of the current src/ (no file left from a deleted module)', () => {
    const stale = [...filesOf(name).keys()]
      .filter((path) => path.startsWith('dist/'))
      .map((path) => ({ path, source: path.replace(/^dist\//, 'src/').replace(/(\.d)?\.[cm]?ts$|\.[cm]?js$/, '') }))
      .filter(({ path }) => !/^dist\/index\.(mjs|d\.mts)$/.test(path))
      .filter(({ source }) => !existsSync(join(pkg.dir, `${source}.ts`)))
      .map(({ path }) => path);
    expect(stale).toEqual([]);
  });

  test('depends on no workspace: range (pnpm pack rewrote them to versions): the publish guard refuses nothing', () => {
    expect(unpublishableRanges(packedManifest(name)).map((problem) => problem.message)).toEqual([]);
  });

  test('names its repository folder, homepage, issue tracker and keywords', () => {
    const manifest = packedManifest(name);
    expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPOSITORY}.git`, directory: pkg.repoDir });
    expect(manifest.homepage).toBe(`${REPOSITORY}/tree/main/${pkg.repoDir}#readme`);
    expect(manifest.bugs).toEqual({ url: `${REPOSITORY}/issues` });
    expect(manifest.keywords).toEqual(expect.arrayContaining(['honeyhive', 'opentelemetry']));
  });

  test('the version compiled into dist/ is the packed version', () => {
    // the one-file build carries src/package-version.ts as `var PACKAGE_VERSION = "…";`
    const compiled = [...(filesOf(name).get('dist/index.js')?.toString('utf8') ?? '').matchAll(/\bPACKAGE_VERSION = "([^"]*)";/g)];
    if (!existsSync(join(pkg.dir, 'src', 'package-version.ts'))) {
      expect(compiled).toEqual([]);
      return;
    }
    expect(compiled.map((match) => match[1])).toEqual([packedManifest(name).version]);
  });

  test('ships its JavaScript as one CommonJS file, dist/index.js, beside the ESM entry and the declarations', () => {
    const paths = [...filesOf(name).keys()];
    expect(paths.filter((path) => /\.[cm]?js$/.test(path)).sort()).toEqual(['dist/index.js', 'dist/index.mjs']);
    const code = filesOf(name).get('dist/index.js')?.toString('utf8') ?? '';
    // every module of the package is in it: no require() of a file of its own, which the tarball would not hold
    expect([...code.matchAll(/\brequire\((["'])\.{1,2}\/[^"']*\1\)/g)].map((match) => match[0])).toEqual([]);
    expect(paths).toContain('dist/index.d.ts');
  });
});

// No package has a CHANGELOG.md until the first `changeset version`, so the tarballs above cannot show that one
// would ship: pack each manifest's `files` in a scratch workspace where a CHANGELOG.md exists.
test('a CHANGELOG.md written by `changeset version` would ship in every package', async () => {
  const root = mkdtempSync(join(tmpdir(), 'hh-changelog-pack-'));
  try {
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    writeFileSync(join(root, 'pnpm-workspace.yaml'), "packages:\n  - '*'\n");
    for (const pkg of packages) {
      const dir = join(root, pkg.repoDir.replace(/\//g, '-'));
      mkdirSync(join(dir, 'dist'), { recursive: true });
      const { dependencies: _d, peerDependencies: _p, devDependencies: _dev, optionalDependencies: _o, ...manifest } = pkg.manifest;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ ...manifest, scripts: {} }));
      for (const file of ['CHANGELOG.md', 'README.md', 'LICENSE', 'dist/index.js']) writeFileSync(join(dir, file), 'x');
    }
    const listed = await dryRunPackFiles(root);
    const missing = packages.filter((pkg) => !listed.get(pkg.manifest.name)?.includes('CHANGELOG.md')).map((pkg) => pkg.manifest.name);
    expect(listed.size).toBe(packages.length);
    expect(missing).toEqual([]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}, 60_000);
