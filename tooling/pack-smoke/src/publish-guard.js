'use strict';
// The release's last gate: a packed manifest must name only ranges a user's package manager can resolve
// from the registry. pnpm rewrites `workspace:` ranges when it packs; this proves it did, for every tarball.
const semver = require('semver');
const { readTarballManifest } = require('./tarball-manifest');

/** Fields a consumer's package manager installs (or checks, for peers). */
const INSTALLED_FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'];
const ALL_FIELDS = [...INSTALLED_FIELDS, 'devDependencies'];
/** Protocols that resolve only inside a workspace or on the packing machine. */
const LOCAL_PROTOCOLS = ['workspace:', 'catalog:', 'link:', 'file:', 'portal:', 'patch:', 'exec:'];

/** Why `range` cannot be installed from the registry, or undefined when it can. */
function rangeProblem(range) {
  if (typeof range !== 'string' || range.trim() === '') return 'is empty';
  const protocol = LOCAL_PROTOCOLS.find((p) => range.startsWith(p));
  if (protocol) return `uses the ${protocol} protocol, which resolves only inside this repository`;
  if (/^(\.{1,2}|~)?\//.test(range) || range === '.' || range === '..') return 'is a local path';
  return undefined;
}

/**
 * @typedef {object} GuardProblem
 * @property {string} packageName
 * @property {string} field          dependencies | optionalDependencies | peerDependencies | devDependencies
 * @property {string} dependency
 * @property {string} range
 * @property {string} message        `<package>: <field>.<dependency> "<range>" <reason>`
 */

/**
 * The dependency ranges of one packed manifest that must not be published. `workspace` (name → { version,
 * private }) adds two checks for siblings: a private one is never on the registry, and a range must accept
 * the sibling's version being published with it.
 * @returns {GuardProblem[]}
 */
function unpublishableDependencies(manifest, workspace = new Map()) {
  const problems = [];
  for (const field of ALL_FIELDS) {
    for (const [dependency, range] of Object.entries(manifest[field] ?? {})) {
      let reason = rangeProblem(range);
      const sibling = workspace.get(dependency);
      if (!reason && sibling && INSTALLED_FIELDS.includes(field)) {
        if (sibling.private) reason = `names a private workspace package, which is never published`;
        else if (!semver.satisfies(sibling.version, range)) {
          reason = `does not accept ${dependency}@${sibling.version}, the version published with it`;
        }
      }
      if (reason) {
        problems.push({
          packageName: manifest.name, field, dependency, range,
          message: `${manifest.name}: ${field}.${dependency} "${range}" ${reason}`,
        });
      }
    }
  }
  return problems;
}

/** A name → { version, private } map of workspace packages, as `unpublishableDependencies` takes it. */
function workspaceIndex(packages) {
  return new Map(packages.map((pkg) => [pkg.name, { version: pkg.version, private: pkg.private }]));
}

/**
 * Reads each tarball's package.json and throws one error listing every unpublishable range (naming the
 * package and the dependency), or returns the manifests.
 */
function assertPublishableTarballs(tarballs, workspace = new Map()) {
  const manifests = tarballs.map((file) => readTarballManifest(file));
  const problems = manifests.flatMap((manifest) => unpublishableDependencies(manifest, workspace));
  if (problems.length > 0) {
    const error = new Error(
      `Refusing to publish: ${problems.length} dependency range(s) a user cannot install:\n` +
        problems.map((p) => `  ${p.message}`).join('\n'),
    );
    error.problems = problems;
    throw error;
  }
  return manifests;
}

module.exports = { unpublishableDependencies, assertPublishableTarballs, workspaceIndex, rangeProblem };
