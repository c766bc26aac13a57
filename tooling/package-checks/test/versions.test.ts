// Versions come from one place: each package.json. The build writes a package's version into its
// src/package-version.ts, so a `changeset version` bump reaches the code at the next build; the Node minimum in
// `engines` is one that every runtime dependency accepts, and every README states it.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import semver from 'semver';
import { listFiles, publishedPackages, repoRoot, type Manifest } from './support/workspace';

const run = promisify(execFile);
const generator = join(repoRoot, 'tooling', 'scripts', 'write-package-version.mjs');
const packages = publishedPackages();
const generating = packages.filter((pkg) => existsSync(join(pkg.dir, 'src', 'package-version.ts')));

function generatedVersion(dir: string): string | undefined {
  return /PACKAGE_VERSION = '([^']*)'/.exec(readFileSync(join(dir, 'src', 'package-version.ts'), 'utf8'))?.[1];
}

describe('package versions', () => {
  let scratch = '';
  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'hh-package-version-'));
  });
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  test('the build script writes src/package-version.ts from package.json, and leaves it alone when current', async () => {
    mkdirSync(join(scratch, 'src'));
    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: '@honeyhive/example', version: '3.4.5-rc.1' }));
    await run(process.execPath, [generator], { cwd: scratch });
    const file = join(scratch, 'src', 'package-version.ts');
    expect(readFileSync(file, 'utf8')).toContain("PACKAGE_VERSION = '3.4.5-rc.1'");
    expect(readFileSync(file, 'utf8')).toContain("PACKAGE_NAME = '@honeyhive/example'");
    const written = statSync(file).mtimeMs;
    await run(process.execPath, [generator], { cwd: scratch });
    expect(statSync(file).mtimeMs).toBe(written);

    writeFileSync(join(scratch, 'package.json'), JSON.stringify({ name: '@honeyhive/example', version: '3.4.6' }));
    await run(process.execPath, [generator], { cwd: scratch });
    expect(generatedVersion(scratch)).toBe('3.4.6');
  });

  test('--all rewrites every package that has the file (after `changeset version`), and creates none', async () => {
    const root = join(scratch, 'workspace');
    for (const [name, version, generated] of [['a', '2.0.0', true], ['b', '2.0.0', false]] as const) {
      mkdirSync(join(root, 'packages', name, 'src'), { recursive: true });
      writeFileSync(join(root, 'packages', name, 'package.json'), JSON.stringify({ name: `@honeyhive/${name}`, version }));
      if (generated) writeFileSync(join(root, 'packages', name, 'src', 'package-version.ts'), "export const PACKAGE_VERSION = '1.0.0';\n");
    }
    await run(process.execPath, [generator, '--all', root]);
    expect(generatedVersion(join(root, 'packages', 'a'))).toBe('2.0.0');
    expect(existsSync(join(root, 'packages', 'b', 'src', 'package-version.ts'))).toBe(false);
  });

  test('processing (the client version header) and core (the tracer version) take their version from it', () => {
    expect(generating.map((pkg) => pkg.manifest.name)).toEqual(expect.arrayContaining(['@honeyhive/core', '@honeyhive/processing']));
  });

  // Reading package.json at run time works from dist/ and src/ but not from an ES-module build (no `require`) and
  // not after a bundler moved the file; the generated constant works everywhere.
  test.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s: no source file reads package.json at run time', (_name, pkg) => {
    const readsManifest = /(require\s*\(|from\s+|import\s*\()\s*['"][./]+package\.json['"]|readFileSync\([^)]*package\.json/;
    const offenders = listFiles(join(pkg.dir, 'src')).filter((file) => readsManifest.test(readFileSync(join(pkg.dir, 'src', file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  test.each(generating.map((pkg) => [pkg.manifest.name, pkg] as const))(
    '%s: src/package-version.ts matches package.json and the build regenerates it',
    (_name, pkg) => {
      expect(generatedVersion(pkg.dir)).toBe(pkg.manifest.version);
      expect(pkg.manifest.scripts?.['build']).toMatch(/write-package-version\.mjs.*&&.*tsc/);
    },
  );

  test.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))(
    '%s: no source file spells out the package version',
    (_name, pkg) => {
      const literal = new RegExp(`['"\`]${pkg.manifest.version.replace(/\./g, '\\.')}['"\`]`);
      const offenders = listFiles(join(pkg.dir, 'src'))
        .filter((file) => file !== 'package-version.ts')
        .filter((file) => literal.test(readFileSync(join(pkg.dir, 'src', file), 'utf8')));
      expect(offenders).toEqual([]);
    },
  );
});

describe('Node engines', () => {
  const stated = new Set(packages.map((pkg) => pkg.manifest.engines?.node));

  test('every package states one Node range', () => {
    expect([...stated]).toHaveLength(1);
    expect(semver.validRange([...stated][0] ?? '')).not.toBeNull();
  });

  test.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))(
    '%s: every Node version it accepts is accepted by each runtime dependency',
    (_name, pkg) => {
      const ours = pkg.manifest.engines?.node ?? '*';
      const requireFromPackage = createRequire(join(pkg.dir, 'package.json'));
      const names = Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies });
      const narrower = names.flatMap((name) => {
        let theirs: string | undefined;
        try {
          theirs = (requireFromPackage(`${name}/package.json`) as Manifest).engines?.node;
        } catch {
          return []; // an optional peer the repo does not install here
        }
        return theirs && !semver.subset(ours, theirs) ? [`${name} needs ${theirs}`] : [];
      });
      expect(narrower).toEqual([]);
    },
  );

  test.each(packages.map((pkg) => [pkg.manifest.name, pkg] as const))('%s: README states the Node minimum', (_name, pkg) => {
    const minimum = semver.minVersion(pkg.manifest.engines?.node ?? '*')?.version;
    expect(readFileSync(join(pkg.dir, 'README.md'), 'utf8')).toContain(`Node.js ${minimum} or later`);
  });
});
