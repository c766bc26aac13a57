'use strict';
// Packs the public packages of a workspace with pnpm, which rewrites `workspace:` ranges as `pnpm publish` does.
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { listPublicPackages } = require('./workspace-packages');
const { pnpmCommand } = require('./pnpm-command');
const { readTarballManifest } = require('./tarball-manifest');

/**
 * @typedef {object} PackedPackage
 * @property {string} name
 * @property {string} version
 * @property {string} tarball  absolute path of the .tgz
 * @property {Record<string, any>} manifest  the packed package.json
 */

/**
 * Packs every non-private workspace package of `root` into `destination` (created; must hold no other
 * tarballs). Uses the packages' current `dist/`: build first.
 * @returns {PackedPackage[]} sorted by name
 */
function packPublicPackages(root, destination, { env = process.env, timeoutMs = 180_000 } = {}) {
  const packages = listPublicPackages(root);
  if (packages.length === 0) throw new Error(`no public package in the workspace at ${root}`);
  fs.mkdirSync(destination, { recursive: true });
  if (fs.readdirSync(destination).some((file) => file.endsWith('.tgz'))) throw new Error(`${destination} already holds tarballs`);
  const { command, args } = pnpmCommand(root, env);
  const filters = packages.flatMap((pkg) => ['--filter', pkg.name]);
  execFileSync(command, [...args, ...filters, 'pack', '--pack-destination', destination], {
    cwd: root,
    env,
    stdio: 'pipe',
    timeout: timeoutMs,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = fs
    .readdirSync(destination)
    .filter((file) => file.endsWith('.tgz'))
    .map((file) => {
      const tarball = path.join(destination, file);
      const manifest = readTarballManifest(tarball);
      return { name: manifest.name, version: manifest.version, tarball, manifest };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
  const missing = packages.filter((pkg) => !packed.some((p) => p.name === pkg.name));
  if (missing.length > 0 || packed.length !== packages.length) {
    throw new Error(`pnpm pack made ${packed.map((p) => p.name).join(', ')}; expected ${packages.map((p) => p.name).join(', ')}`);
  }
  return packed;
}

/**
 * The tarballs to install `names` from packed tarballs alone: the named packages and, transitively, every
 * packed package they depend on (the registry does not have them).
 * @param {string[]} names
 * @param {PackedPackage[]} packed
 * @returns {PackedPackage[]}
 */
function withPackedDependencies(names, packed) {
  const byName = new Map(packed.map((p) => [p.name, p]));
  const chosen = new Map();
  const visit = (name) => {
    const pkg = byName.get(name);
    if (!pkg || chosen.has(name)) return;
    chosen.set(name, pkg);
    const { dependencies = {}, optionalDependencies = {}, peerDependencies = {} } = pkg.manifest;
    for (const dep of Object.keys({ ...dependencies, ...optionalDependencies, ...peerDependencies })) visit(dep);
  };
  for (const name of names) {
    if (!byName.has(name)) throw new Error(`${name} was not packed`);
    visit(name);
  }
  return [...chosen.values()];
}

module.exports = { packPublicPackages, withPackedDependencies };
