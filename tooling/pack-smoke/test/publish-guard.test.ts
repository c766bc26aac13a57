import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const { unpublishableDependencies, assertPublishableTarballs, readTarballFiles, readTarballManifest } = require('../src');

// The release script's guard: a packed manifest whose dependency ranges a user cannot install from the
// registry is refused, naming the package and the dependency.

const workspace = new Map([
  ['@fx/core', { version: '1.2.0', private: false }],
  ['@fx/test-server', { version: '0.0.0', private: true }],
]);

function messages(manifest: object): string[] {
  return unpublishableDependencies(manifest, workspace).map((p: { message: string }) => p.message);
}

describe('unpublishableDependencies', () => {
  it('refuses a workspace: range in any dependency field, naming the package and the dependency', () => {
    const manifest = {
      name: '@fx/tracer',
      dependencies: { '@fx/core': 'workspace:*' },
      optionalDependencies: { '@fx/grpc': 'workspace:^' },
      peerDependencies: { '@fx/api': 'workspace:~' },
      devDependencies: { '@fx/test-server': 'workspace:*' },
    };
    expect(messages(manifest)).toEqual([
      '@fx/tracer: dependencies.@fx/core "workspace:*" uses the workspace: protocol, which resolves only inside this repository',
      '@fx/tracer: optionalDependencies.@fx/grpc "workspace:^" uses the workspace: protocol, which resolves only inside this repository',
      '@fx/tracer: peerDependencies.@fx/api "workspace:~" uses the workspace: protocol, which resolves only inside this repository',
      '@fx/tracer: devDependencies.@fx/test-server "workspace:*" uses the workspace: protocol, which resolves only inside this repository',
    ]);
  });

  it.each([
    ['catalog:', 'uses the catalog: protocol'],
    ['catalog:otel', 'uses the catalog: protocol'],
    ['file:../core', 'uses the file: protocol'],
    ['link:../core', 'uses the link: protocol'],
    ['portal:../core', 'uses the portal: protocol'],
    ['../core', 'is a local path'],
    ['./vendor/core', 'is a local path'],
    ['/abs/core', 'is a local path'],
    ['', 'is empty'],
  ])('refuses %j (%s)', (range, reason) => {
    const [message] = messages({ name: '@fx/a', dependencies: { leftpad: range } });
    expect(message).toContain(`@fx/a: dependencies.leftpad ${JSON.stringify(range)} ${reason}`);
  });

  it('accepts registry ranges, aliases and tags', () => {
    const manifest = {
      name: '@fx/a',
      dependencies: { '@fx/core': '1.2.0', semver: '^7.6.0', lodash: 'npm:lodash-es@^4.17.0', next: 'latest' },
      peerDependencies: { '@opentelemetry/api': '>=1.3.0 <1.10.0' },
      devDependencies: { typescript: '5.9.3' },
    };
    expect(messages(manifest)).toEqual([]);
  });

  it('refuses a private workspace package among the installed dependencies', () => {
    expect(messages({ name: '@fx/a', dependencies: { '@fx/test-server': '0.0.0' } })).toEqual([
      '@fx/a: dependencies.@fx/test-server "0.0.0" names a private workspace package, which is never published',
    ]);
    // A devDependency is never installed by a user: a private one is fine once its range is a version.
    expect(messages({ name: '@fx/a', devDependencies: { '@fx/test-server': '0.0.0' } })).toEqual([]);
  });

  it('refuses a range that does not accept the version of the sibling published with it', () => {
    expect(messages({ name: '@fx/a', dependencies: { '@fx/core': '1.1.0' } })).toEqual([
      '@fx/a: dependencies.@fx/core "1.1.0" does not accept @fx/core@1.2.0, the version published with it',
    ]);
    expect(messages({ name: '@fx/a', dependencies: { '@fx/core': '^1.0.0' } })).toEqual([]);
  });
});

describe('assertPublishableTarballs', () => {
  let dir: string;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'publish-guard-'));
  });

  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // npm pack leaves `workspace:` ranges as they are, which makes it a faithful source of a bad tarball.
  function pack(name: string, dependencies: Record<string, string>): string {
    const pkgDir = path.join(dir, name.replace(/[@/]/g, '_'));
    fs.mkdirSync(pkgDir, { recursive: true });
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify({ name, version: '1.2.0', dependencies }));
    fs.writeFileSync(path.join(pkgDir, 'index.js'), 'module.exports = 1;\n');
    const out = execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: pkgDir, encoding: 'utf8', timeout: 120_000 });
    return path.join(dir, out.trim().split('\n').pop()!);
  }

  it('reads package.json out of a tarball', () => {
    const tarball = pack('@fx/reader', { semver: '^7.0.0' });
    expect(readTarballManifest(tarball)).toMatchObject({ name: '@fx/reader', version: '1.2.0', dependencies: { semver: '^7.0.0' } });
  });

  it('reads every file of a tarball, without the top folder', () => {
    const tarball = pack('@fx/files', {});
    const files: Map<string, Buffer> = readTarballFiles(tarball);
    expect([...files.keys()].sort()).toEqual(['index.js', 'package.json']);
    expect(files.get('index.js')?.toString('utf8')).toBe('module.exports = 1;\n');
  });

  it('throws one error naming every package and dependency with a workspace: range', () => {
    const good = pack('@fx/core', { semver: '^7.0.0' });
    const bad = pack('@fx/tracer', { '@fx/core': 'workspace:^', semver: '^7.0.0' });
    let error: (Error & { problems?: unknown[] }) | undefined;
    try {
      assertPublishableTarballs([good, bad], workspace);
    } catch (caught) {
      error = caught as Error;
    }
    expect(error?.message).toBe(
      'Refusing to publish: 1 dependency range(s) a user cannot install:\n' +
        '  @fx/tracer: dependencies.@fx/core "workspace:^" uses the workspace: protocol, which resolves only inside this repository',
    );
    expect(error?.problems).toEqual([expect.objectContaining({ packageName: '@fx/tracer', dependency: '@fx/core', range: 'workspace:^' })]);
  });

  it('returns the manifests when every range can be installed', () => {
    const tarball = pack('@fx/clean', { '@fx/core': '1.2.0' });
    expect(assertPublishableTarballs([tarball], workspace).map((m: { name: string }) => m.name)).toEqual(['@fx/clean']);
  });
});
