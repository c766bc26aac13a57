'use strict';
// The import rules of docs/architecture.md:
//   1. a layered package never imports a package of its own or a higher layer, nor private tooling;
//   2. source imports only what package.json declares (dependencies/peerDependencies; tests may also use devDependencies);
//   3. workspace packages form no cycle;
//   4. tsconfig.json `references` name exactly the workspace packages the package depends on;
//   5. a published package declares no dependency (nor peer, @opentelemetry/api aside) that its src/ never imports:
//      each one is installed for every user, so an unused one only makes the install bigger.
const fs = require('node:fs');
const path = require('node:path');
const { builtinModules } = require('node:module');
const { scanImports, packageNameOf } = require('./scan-imports');
const { readWorkspace, listFiles, isTestFile } = require('./workspace');

const BUILTINS = new Set(builtinModules);
/** The API every OpenTelemetry package shares as a peer: one copy per app, whether or not src/ imports it. */
const ALWAYS_ALLOWED_PEERS = new Set(['@opentelemetry/api']);

/**
 * @typedef {object} Violation
 * @property {'higher-layer'|'undeclared'|'cycle'|'tsconfig-references'|'unused-dependency'} rule
 * @property {string} packageName
 * @property {string} [file]
 * @property {number} [line]
 * @property {string} message
 */

function checkImports(root, pkg, byName) {
  /** @type {Violation[]} */
  const violations = [];
  const used = new Set();
  const usedBySrc = new Set();
  const usedByTests = new Set();
  const scanned = listFiles(pkg.dir).filter((file) => !pkg.ignoredDirs.some((dir) => file.startsWith(dir + path.sep)));
  for (const file of scanned) {
    const rel = path.relative(root, file);
    const relToPkg = path.relative(pkg.dir, file);
    const testFile = isTestFile(relToPkg);
    const inSrc = !testFile && relToPkg.startsWith('src' + path.sep);
    for (const { specifier, line } of scanImports(fs.readFileSync(file, 'utf8'))) {
      const target = packageNameOf(specifier);
      if (target === undefined || BUILTINS.has(target) || target === pkg.name) continue;
      if (!testFile) used.add(target);
      if (inSrc) usedBySrc.add(target);
      if (testFile) usedByTests.add(target);
      const declared = pkg.runtimeDeps.has(target) || (testFile && pkg.devDeps.has(target));
      if (!declared) {
        const where = pkg.devDeps.has(target) ? ' (it is only a devDependency; source needs dependencies or peerDependencies)' : '';
        violations.push({
          rule: 'undeclared', packageName: pkg.name, file: rel, line,
          message: `${rel}:${line} imports '${target}', which ${pkg.name} does not declare${where}. Add it to package.json or remove the import.`,
        });
      }
      const other = byName.get(target);
      if (other && pkg.layer !== undefined && !testFile) {
        if (other.layer === undefined) {
          violations.push({
            rule: 'higher-layer', packageName: pkg.name, file: rel, line,
            message: `${rel}:${line} imports private tooling '${target}' from published source.`,
          });
        } else if (other.layer >= pkg.layer) {
          violations.push({
            rule: 'higher-layer', packageName: pkg.name, file: rel, line,
            message: `${rel}:${line}: ${pkg.name} (layer ${pkg.layer}) imports ${target} (layer ${other.layer}); a package may only import lower layers.`,
          });
        }
      }
    }
  }
  return { violations, used, usedBySrc, usedByTests };
}

/** Rule 5: every declared runtime dependency of a published package is imported by its src/. */
function checkUnusedDependencies(pkg, usedBySrc, usedByTests, byName) {
  if (!pkg.published) return [];
  const declared = [
    ...[...pkg.dependencies].map((name) => ({ name, field: 'dependencies' })),
    ...[...pkg.peerDependencies].filter((name) => !ALWAYS_ALLOWED_PEERS.has(name)).map((name) => ({ name, field: 'peerDependencies' })),
  ];
  return declared.filter(({ name }) => !usedBySrc.has(name)).map(({ name, field }) => {
    const fix = usedByTests.has(name) ? `only tests import it, so move it to devDependencies` : `remove it from ${field}`;
    const reference = byName.has(name) ? ' and drop its tsconfig.json reference' : '';
    return {
      rule: 'unused-dependency', packageName: pkg.name,
      message: `${pkg.name} declares '${name}' in ${field}, but nothing under src/ imports it, so every user installs it for nothing. Fix: ${fix}${reference}.`,
    };
  });
}

function findCycles(packages, edges) {
  const cycles = [];
  const state = new Map();
  const stack = [];
  const visit = (name) => {
    state.set(name, 'open');
    stack.push(name);
    for (const next of edges.get(name) || []) {
      if (state.get(next) === 'open') cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(name, 'done');
  };
  for (const pkg of packages) if (!state.has(pkg.name)) visit(pkg.name);
  return cycles;
}

/** Checks every workspace package under `root`. @returns {{ violations: Violation[], packagesChecked: number }} */
function checkRepo(root) {
  const packages = readWorkspace(root);
  const byName = new Map(packages.map((pkg) => [pkg.name, pkg]));
  const byDir = new Map(packages.map((pkg) => [pkg.dir, pkg]));
  const violations = [];
  const edges = new Map();

  for (const pkg of packages) {
    const result = checkImports(root, pkg, byName);
    violations.push(...result.violations);
    violations.push(...checkUnusedDependencies(pkg, result.usedBySrc, result.usedByTests, byName));
    const workspaceDeps = [...new Set([...pkg.runtimeDeps, ...result.used])].filter((name) => byName.has(name));
    edges.set(pkg.name, workspaceDeps);

    if (pkg.layer !== undefined) {
      const referenced = new Set(pkg.tsReferences.map((dir) => (byDir.get(dir) || { name: dir }).name));
      const declared = [...pkg.runtimeDeps].filter((name) => byName.has(name));
      const missing = declared.filter((name) => !referenced.has(name));
      const extra = [...referenced].filter((name) => !pkg.runtimeDeps.has(name));
      if (missing.length || extra.length) {
        violations.push({
          rule: 'tsconfig-references', packageName: pkg.name,
          message: `${pkg.name}: tsconfig.json references must match its workspace dependencies` +
            (missing.length ? `; missing: ${missing.join(', ')}` : '') + (extra.length ? `; not declared: ${extra.join(', ')}` : ''),
        });
      }
    }
  }

  for (const cycle of findCycles(packages, edges)) {
    violations.push({ rule: 'cycle', packageName: cycle[0], message: `dependency cycle: ${cycle.join(' -> ')}` });
  }
  return { violations, packagesChecked: packages.length };
}

module.exports = { checkRepo };
