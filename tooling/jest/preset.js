'use strict';
// Shared jest preset: tests run on TypeScript sources through swc, and workspace packages
// resolve to their `src/` so a test never depends on a stale `dist/`.
const fs = require('node:fs');
const path = require('node:path');

const repoRoot = path.resolve(__dirname, '..', '..');

function workspaceSourceMap() {
  const mapping = {};
  for (const group of ['packages', 'tooling']) {
    const groupDir = path.join(repoRoot, group);
    for (const dir of fs.readdirSync(groupDir)) {
      const manifest = path.join(groupDir, dir, 'package.json');
      const entry = path.join(groupDir, dir, 'src', 'index.ts');
      if (!fs.existsSync(manifest) || !fs.existsSync(entry)) continue;
      const { name } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
      mapping[`^${name.replace(/[/\\^$*+?.()|[\]{}-]/g, '\\$&')}$`] = entry;
    }
  }
  return mapping;
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>'],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  transform: {
    '^.+\\.ts$': [
      require.resolve('@swc/jest'),
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          target: 'es2022',
          transform: { decoratorVersion: '2022-03' },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleNameMapper: workspaceSourceMap(),
  // Generous: a test waits for events, never for time, so a passing test never comes near this; it only bounds a
  // hung one, and a 2-core CI machine running every package at once can stretch a heavy test past 30 s.
  testTimeout: 60000,
};
