'use strict';
// Reads the workspace: its packages, their layers, declared dependencies and source files.
const fs = require('node:fs');
const path = require('node:path');

const SOURCE_FILE = /\.(ts|tsx|mts|cts|js|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage', '.turbo']);

function listFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIPPED_DIRS.has(entry.name)) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full));
    else if (SOURCE_FILE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function isTestFile(file) {
  return /(^|[\\/])(test|tests|__tests__)[\\/]/.test(file) || /\.(test|spec)\.[cm]?[jt]sx?$/.test(file);
}

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name
 * @property {string} dir
 * @property {number | undefined} layer  layer of docs/architecture.md; undefined for tooling
 * @property {Set<string>} runtimeDeps  dependencies + peerDependencies
 * @property {Set<string>} dependencies  `dependencies` only
 * @property {Set<string>} peerDependencies  `peerDependencies` only
 * @property {boolean} published  not `private`: what a user installs, so its manifest must not over-declare
 * @property {Set<string>} devDeps
 * @property {string[]} tsReferences  package dirs named by tsconfig.json `references`
 * @property {string[]} ignoredDirs  dirs not scanned (`honeyhive.importRulesIgnore`), e.g. fixtures quoting imports
 */

/** @returns {WorkspacePackage[]} */
function readWorkspace(root, groups = ['packages', 'tooling']) {
  const packages = [];
  for (const group of groups) {
    const groupDir = path.join(root, group);
    if (!fs.existsSync(groupDir)) continue;
    for (const entry of fs.readdirSync(groupDir, { withFileTypes: true })) {
      if (!entry.isDirectory()) continue;
      const dir = path.join(groupDir, entry.name);
      const manifestPath = path.join(dir, 'package.json');
      if (!fs.existsSync(manifestPath)) continue;
      const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
      const tsconfigPath = path.join(dir, 'tsconfig.json');
      const tsconfig = fs.existsSync(tsconfigPath) ? JSON.parse(fs.readFileSync(tsconfigPath, 'utf8')) : {};
      packages.push({
        name: manifest.name,
        dir,
        layer: manifest.honeyhive && typeof manifest.honeyhive.layer === 'number' ? manifest.honeyhive.layer : undefined,
        runtimeDeps: new Set([
          ...Object.keys(manifest.dependencies || {}),
          ...Object.keys(manifest.peerDependencies || {}),
        ]),
        dependencies: new Set(Object.keys(manifest.dependencies || {})),
        peerDependencies: new Set(Object.keys(manifest.peerDependencies || {})),
        published: manifest.private !== true,
        devDeps: new Set(Object.keys(manifest.devDependencies || {})),
        tsReferences: (tsconfig.references || []).map((ref) => path.resolve(dir, ref.path)),
        ignoredDirs: ((manifest.honeyhive && manifest.honeyhive.importRulesIgnore) || []).map((rel) => path.join(dir, rel)),
      });
    }
  }
  return packages;
}

module.exports = { readWorkspace, listFiles, isTestFile };
