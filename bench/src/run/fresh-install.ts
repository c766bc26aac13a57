// What a fresh `npm install` of a contender puts in node_modules, read from this workspace: the packages the app
// names and, transitively, their `dependencies` and required `peerDependencies` (npm 7+ installs those). Not
// installed: devDependencies (pnpm links them into a workspace package's node_modules, a user never gets them) and
// optional peers that nothing else brings (e.g. @grpc/grpc-js, which our processing package declares as an
// optional peer and this workspace installs for the gRPC comparisons). An esbuild plugin then bundles only what
// that install holds: a `require()` of anything else is left in the bundle as it is, which is what esbuild does
// with a package it cannot find when the `require()` sits in a try/catch (any other would fail the user's build,
// which tooling/pack-smoke's bundles, made from a real install of the packed tarballs, would show).
import fs from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import type { Plugin } from 'esbuild';

interface Manifest {
  name?: string;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

/** The package a bare import specifier names (`@scope/name/sub` → `@scope/name`), or undefined for a path. */
export function packageName(specifier: string): string | undefined {
  if (specifier.startsWith('.') || path.isAbsolute(specifier) || isBuiltin(specifier)) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? (parts.length >= 2 ? `${parts[0]}/${parts[1]}` : undefined) : parts[0];
}

/** The directory of package `name` as Node would find it from `fromDir` (node_modules, walking up). */
function packageDir(name: string, fromDir: string): string | undefined {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', name, 'package.json');
    if (fs.existsSync(candidate)) return fs.realpathSync(path.dirname(candidate));
    if (path.dirname(dir) === dir) return undefined;
  }
}

function readManifest(dir: string): Manifest {
  return JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as Manifest;
}

/** The names a package makes npm install: its dependencies and its peers that are not optional. */
function installedBy(manifest: Manifest): string[] {
  const optional = manifest.peerDependenciesMeta ?? {};
  const peers = Object.keys(manifest.peerDependencies ?? {}).filter((name) => optional[name]?.optional !== true);
  return [...Object.keys(manifest.dependencies ?? {}), ...peers];
}

/**
 * The package names a fresh install of `roots` (what the user types after `npm install`) holds, resolved from
 * `fromDir` the way Node resolves them. Throws when a root or a required dependency cannot be found here.
 */
export function freshInstall(roots: readonly string[], fromDir: string): Set<string> {
  const names = new Set<string>();
  const visited = new Set<string>();
  const queue: Array<{ name: string; from: string }> = roots.map((name) => ({ name, from: fromDir }));
  while (queue.length > 0) {
    const { name, from } = queue.shift()!;
    const dir = packageDir(name, from);
    if (dir === undefined) throw new Error(`fresh install: cannot find ${name} from ${from}`);
    names.add(name);
    if (visited.has(dir)) continue;
    visited.add(dir);
    for (const dependency of installedBy(readManifest(dir))) queue.push({ name: dependency, from: dir });
  }
  return names;
}

/** What the plugin saw: packages the code requires that the install does not hold (left as `require()`). */
export interface FreshInstallReport {
  notInstalled: Set<string>;
}

/**
 * An esbuild plugin that bundles only the packages of `installed` (from {@link freshInstall}); a bare import of
 * any other package stays a run-time `require()`. An import of the app's own files (`appDir`) must name a root of
 * the install, so that the app cannot use a package its install list forgets.
 */
export function freshInstallPlugin(installed: ReadonlySet<string>, roots: readonly string[], appDir: string, report: FreshInstallReport): Plugin {
  return {
    name: 'fresh-install',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, (args) => {
        const name = packageName(args.path);
        if (name === undefined) return undefined;
        if (path.dirname(args.importer) === appDir && !roots.includes(name)) {
          return { errors: [{ text: `the app imports ${name}, which its install list (${roots.join(', ')}) does not name` }] };
        }
        if (installed.has(name)) return undefined;
        report.notInstalled.add(name);
        return { path: args.path, external: true };
      });
    },
  };
}
