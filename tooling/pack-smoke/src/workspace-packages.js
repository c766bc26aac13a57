'use strict';
// The packages of a pnpm workspace, read from its pnpm-workspace.yaml (entries `dir/*` and `dir`).
const fs = require('node:fs');
const path = require('node:path');

/** The `packages:` globs of pnpm-workspace.yaml (only the two shapes this repository uses). */
function workspaceGlobs(root) {
  const text = fs.readFileSync(path.join(root, 'pnpm-workspace.yaml'), 'utf8');
  const globs = [];
  let inPackages = false;
  for (const line of text.split('\n')) {
    if (/^\S/.test(line)) inPackages = /^packages:\s*$/.test(line);
    const item = inPackages ? /^\s+-\s+["']?([^"'#\s]+)["']?/.exec(line) : null;
    if (item) globs.push(item[1]);
  }
  return globs;
}

/**
 * @typedef {object} WorkspacePackage
 * @property {string} name
 * @property {string} version
 * @property {boolean} private
 * @property {string} dir
 * @property {Record<string, any>} manifest
 */

/** @returns {WorkspacePackage[]} every workspace package, private ones included. */
function listWorkspacePackages(root) {
  const dirs = workspaceGlobs(root).flatMap((glob) => {
    if (!glob.endsWith('/*')) return [path.join(root, glob)];
    const parent = path.join(root, glob.slice(0, -2));
    if (!fs.existsSync(parent)) return [];
    return fs.readdirSync(parent, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => path.join(parent, e.name));
  });
  return dirs
    .filter((dir) => fs.existsSync(path.join(dir, 'package.json')))
    .map((dir) => {
      const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      return { name: manifest.name, version: manifest.version, private: manifest.private === true, dir, manifest };
    });
}

/** The packages `pnpm publish -r` would publish: every workspace package that is not `private`. */
function listPublicPackages(root) {
  return listWorkspacePackages(root).filter((pkg) => !pkg.private);
}

module.exports = { listWorkspacePackages, listPublicPackages, workspaceGlobs };
