// The published packages of the workspace: every packages/* manifest that is not private.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export const repoRoot = join(__dirname, '..', '..', '..', '..');

export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  engines?: { node?: string };
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  repository?: { type?: string; url?: string; directory?: string } | string;
  homepage?: string;
  bugs?: { url?: string } | string;
  keywords?: string[];
  [field: string]: unknown;
}

export interface PublishedPackage {
  manifest: Manifest;
  /** Absolute path of the package folder. */
  dir: string;
  /** Path of the package folder from the repository root, e.g. `packages/core`. */
  repoDir: string;
}

function readManifest(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
}

export function publishedPackages(): PublishedPackage[] {
  const packagesDir = join(repoRoot, 'packages');
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(packagesDir, entry.name, 'package.json')))
    .map((entry) => join(packagesDir, entry.name))
    .map((dir) => ({ manifest: readManifest(dir), dir, repoDir: relative(repoRoot, dir) }))
    .filter((pkg) => pkg.manifest.private !== true)
    .sort((a, b) => a.manifest.name.localeCompare(b.manifest.name));
}

/** Every file under `dir` (relative paths with `/`), skipping node_modules. */
export function listFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules') return [];
    const rel = prefix + entry.name;
    return entry.isDirectory() ? listFiles(join(dir, entry.name), `${rel}/`) : [rel];
  });
}
