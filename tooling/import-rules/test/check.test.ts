import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { execFileSync } from 'node:child_process';

const { checkRepo } = require('../src/check');

interface FixturePackage {
  layer?: number;
  deps?: string[];
  devDeps?: string[];
  peerDeps?: string[];
  private?: boolean;
  references?: string[];
  files: Record<string, string>;
}

function makeRepo(packages: Record<string, FixturePackage>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'import-rules-'));
  for (const [dir, spec] of Object.entries(packages)) {
    const group = spec.layer === undefined ? 'tooling' : 'packages';
    const pkgDir = path.join(root, group, dir);
    fs.mkdirSync(pkgDir, { recursive: true });
    const manifest = {
      name: `@fx/${dir}`,
      dependencies: Object.fromEntries((spec.deps ?? []).map((d) => [d, 'workspace:*'])),
      devDependencies: Object.fromEntries((spec.devDeps ?? []).map((d) => [d, '1.0.0'])),
      peerDependencies: Object.fromEntries((spec.peerDeps ?? []).map((d) => [d, '^1.0.0'])),
      ...(spec.private ? { private: true } : {}),
      honeyhive: spec.layer === undefined ? { tooling: true } : { layer: spec.layer },
    };
    fs.writeFileSync(path.join(pkgDir, 'package.json'), JSON.stringify(manifest));
    const references = spec.references ?? (spec.deps ?? []).filter((d) => d.startsWith('@fx/')).map((d) => ({ path: `../${d.slice(4)}` }));
    fs.writeFileSync(path.join(pkgDir, 'tsconfig.json'), JSON.stringify({ references: Array.isArray(references) ? references.map((r) => (typeof r === 'string' ? { path: r } : r)) : [] }));
    for (const [file, text] of Object.entries(spec.files)) {
      fs.mkdirSync(path.dirname(path.join(pkgDir, file)), { recursive: true });
      fs.writeFileSync(path.join(pkgDir, file), text);
    }
  }
  return root;
}

const rulesOf = (root: string): string[] => checkRepo(root).violations.map((v: { rule: string }) => v.rule).sort();

describe('import-rule check', () => {
  it('accepts a clean layered workspace', () => {
    const root = makeRepo({
      low: { layer: 0, files: { 'src/index.ts': "import { x } from './x';\nimport * as fs from 'node:fs';\nimport path from 'path';\nexport { x };" } },
      high: { layer: 1, deps: ['@fx/low'], files: { 'src/index.ts': "export * from '@fx/low';" } },
    });
    expect(checkRepo(root).violations).toEqual([]);
  });

  it('rejects an import of a higher layer', () => {
    const root = makeRepo({
      low: { layer: 0, deps: ['@fx/high'], references: [], files: { 'src/index.ts': "import { y } from '@fx/high';\nexport const x = y;" } },
      high: { layer: 1, files: { 'src/index.ts': 'export const y = 1;' } },
    });
    const { violations } = checkRepo(root);
    const layer = violations.find((v: { rule: string }) => v.rule === 'higher-layer');
    expect(layer).toBeDefined();
    expect(layer.message).toContain('(layer 0) imports @fx/high (layer 1)');
    expect(layer.line).toBe(1);
  });

  it('rejects an import of a package the importer does not declare, with the line', () => {
    const root = makeRepo({
      low: { layer: 0, files: { 'src/index.ts': "// import 'commented-out'\n\nimport leftPad from 'left-pad';\nexport default leftPad;" } },
    });
    const { violations } = checkRepo(root);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'undeclared', line: 3 });
    expect(violations[0].message).toContain("'left-pad'");
  });

  it('rejects a devDependency imported from published source but allows it in tests', () => {
    const root = makeRepo({
      low: {
        layer: 0,
        devDeps: ['fast-check'],
        files: { 'src/index.ts': "const fc = require('fast-check');\nexport { fc };", 'test/a.test.ts': "import fc from 'fast-check';" },
      },
    });
    const { violations } = checkRepo(root);
    expect(violations).toHaveLength(1);
    expect(violations[0].file).toContain(path.join('src', 'index.ts'));
    expect(violations[0].message).toContain('only a devDependency');
  });

  it('rejects private tooling imported from published source', () => {
    const root = makeRepo({
      backend: { files: { 'src/index.ts': 'export const b = 1;' } },
      low: { layer: 0, deps: ['@fx/backend'], references: [], files: { 'src/index.ts': "export * from '@fx/backend';" } },
    });
    expect(rulesOf(root)).toContain('higher-layer');
  });

  it('rejects a cycle between packages', () => {
    const root = makeRepo({
      a: { deps: ['@fx/b'], files: { 'src/index.ts': "export * from '@fx/b';" } },
      b: { deps: ['@fx/a'], files: { 'src/index.ts': "export * from '@fx/a';" } },
    });
    const cycle = checkRepo(root).violations.find((v: { rule: string }) => v.rule === 'cycle');
    expect(cycle.message).toMatch(/@fx\/(a|b) -> @fx\/(a|b) -> @fx\/(a|b)/);
  });

  it('rejects tsconfig references that do not follow the declared dependencies', () => {
    const root = makeRepo({
      low: { layer: 0, files: { 'src/index.ts': 'export const x = 1;' } },
      high: { layer: 1, deps: ['@fx/low'], references: [], files: { 'src/index.ts': "export * from '@fx/low';" } },
    });
    expect(rulesOf(root)).toEqual(['tsconfig-references']);
  });

  it('sees dynamic imports, re-exports and type-only imports', () => {
    const root = makeRepo({
      low: {
        layer: 0,
        files: {
          'src/index.ts': "export type { T } from 'a-pkg';\nimport type { U } from 'b-pkg';\nexport async function f() { return import('c-pkg'); }",
        },
      },
    });
    const names = checkRepo(root).violations.map((v: { message: string }) => v.message.match(/'([^']+)'/)?.[1]).sort();
    expect(names).toEqual(['a-pkg', 'b-pkg', 'c-pkg']);
  });

  it('rejects a dependency that is declared and never imported from src/, naming the package, the dependency and the fix', () => {
    const root = makeRepo({
      low: { layer: 0, files: { 'src/index.ts': 'export const x = 1;' } },
      high: {
        layer: 1,
        deps: ['@fx/low', 'left-pad', 'fast-check'],
        files: {
          'src/index.ts': "// import 'left-pad'\nexport const y = 2;",
          'test/a.test.ts': "import fc from 'fast-check';\nimport { x } from '@fx/low';",
        },
      },
    });
    const unused = checkRepo(root).violations.filter((v: { rule: string }) => v.rule === 'unused-dependency');
    const byDep = Object.fromEntries(unused.map((v: { message: string }) => [v.message.match(/'([^']+)'/)?.[1], v.message]));
    expect(Object.keys(byDep).sort()).toEqual(['@fx/low', 'fast-check', 'left-pad']);
    expect(byDep['left-pad']).toContain('@fx/high declares');
    expect(byDep['left-pad']).toContain('remove it from dependencies');
    expect(byDep['fast-check']).toContain('move it to devDependencies');
    expect(byDep['@fx/low']).toContain('move it to devDependencies and drop its tsconfig.json reference');
  });

  it('allows the @opentelemetry/api peer unimported, but no other unimported peer; skips private packages', () => {
    const root = makeRepo({
      low: { layer: 0, peerDeps: ['@opentelemetry/api', 'some-peer'], files: { 'src/index.ts': 'export const x = 1;' } },
      tool: { private: true, deps: ['left-pad'], files: { 'src/index.ts': 'export const t = 1;' } },
    });
    const { violations } = checkRepo(root);
    expect(violations).toHaveLength(1);
    expect(violations[0]).toMatchObject({ rule: 'unused-dependency', packageName: '@fx/low' });
    expect(violations[0].message).toContain("'some-peer' in peerDependencies");
    expect(violations[0].message).toContain('remove it from peerDependencies');
  });

  it('passes on this repository, and its CLI exits non-zero on a planted violation', () => {
    const repoRoot = path.resolve(__dirname, '..', '..', '..');
    expect(checkRepo(repoRoot).violations).toEqual([]);

    const planted = makeRepo({
      low: { layer: 0, deps: ['@fx/high'], references: ['../high'], files: { 'src/index.ts': "export * from '@fx/high';" } },
      high: { layer: 1, files: { 'src/index.ts': 'export const y = 1;' } },
    });
    const cli = path.join(__dirname, '..', 'bin', 'check-imports.js');
    expect(() => execFileSync(process.execPath, [cli, planted], { stdio: 'pipe' })).toThrow(/higher-layer/);
    const overDeclared = makeRepo({ low: { layer: 0, deps: ['left-pad'], files: { 'src/index.ts': 'export const x = 1;' } } });
    expect(() => execFileSync(process.execPath, [cli, overDeclared], { stdio: 'pipe' })).toThrow(/unused-dependency\] @fx\/low declares 'left-pad'/);
    expect(execFileSync(process.execPath, [cli, repoRoot], { encoding: 'utf8' })).toContain('0 violation(s)');
  });
});
