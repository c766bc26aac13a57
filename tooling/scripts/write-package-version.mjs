// Writes src/package-version.ts, the package's name and version from its package.json, in the package the build
// runs in. `changeset version` bumps package.json; the next build carries the bump into the code, so the version a
// package reports (e.g. the `hh-client-version` header) never goes stale. The file is checked in (tests run on
// src/ without a build) and rewritten only when it changes; tooling/package-checks fails when it is out of date.
//
//   node write-package-version.mjs          the package in the current directory (its build script)
//   node write-package-version.mjs --all [root]   every packages/* (of this repository, or of `root`) that has a
//                                                 src/package-version.ts: after `changeset version`, so the release
//                                                 commit carries the new versions
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function writePackageVersion(dir) {
  const { name, version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  if (!/^[@a-z0-9/._-]+$/.test(String(name)) || !/^[0-9A-Za-z.+-]+$/.test(String(version))) {
    throw new Error(`${join(dir, 'package.json')}: "name" and "version" must be a package name and a semver version`);
  }
  const target = join(dir, 'src', 'package-version.ts');
  const text = [
    '// Generated from package.json by tooling/scripts/write-package-version.mjs, which the build runs. Do not edit.',
    '',
    "/** This package's name, from its package.json. */",
    `export const PACKAGE_NAME = '${name}';`,
    '',
    "/** This package's version, from its package.json. */",
    `export const PACKAGE_VERSION = '${version}';`,
    '',
  ].join('\n');
  if (!existsSync(target) || readFileSync(target, 'utf8') !== text) writeFileSync(target, text);
}

const all = process.argv.indexOf('--all');
if (all !== -1) {
  const root = process.argv[all + 1] ?? new URL('../..', import.meta.url).pathname;
  const packages = join(root, 'packages');
  for (const entry of readdirSync(packages, { withFileTypes: true })) {
    const dir = join(packages, entry.name);
    if (entry.isDirectory() && existsSync(join(dir, 'src', 'package-version.ts'))) writePackageVersion(dir);
  }
} else {
  writePackageVersion(process.cwd());
}
