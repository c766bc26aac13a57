// Packing and reading tarballs come from @honeyhive/pack-smoke (the code the release script's guard runs), typed
// here for these tests; only the dry-run file listing is this suite's own.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { repoRoot, type Manifest } from './workspace';

const run = promisify(execFile);

/** A tarball `packPublicPackages` made. */
export interface PackedPackage {
  name: string;
  version: string;
  /** Absolute path of the .tgz. */
  tarball: string;
  /** The packed package.json. */
  manifest: Manifest;
}

/** A dependency range the publish guard refuses. */
export interface GuardProblem {
  field: string;
  dependency: string;
  range: string;
  /** `<package>: <field>.<dependency> "<range>" <reason>` */
  message: string;
}

interface WorkspaceEntry {
  name: string;
  version: string;
  private: boolean;
  dir: string;
  manifest: Manifest;
}

interface PackSmoke {
  listWorkspacePackages(root: string): WorkspaceEntry[];
  pnpmCommand(root: string): { command: string; args: string[] };
  packPublicPackages(root: string, destination: string): PackedPackage[];
  readTarballFiles(file: string): Map<string, Buffer>;
  unpublishableDependencies(manifest: Manifest, workspace?: Map<string, { version: string; private: boolean }>): GuardProblem[];
  workspaceIndex(packages: WorkspaceEntry[]): Map<string, { version: string; private: boolean }>;
}

// CommonJS without type declarations: typed by the interface above.
const packSmoke = require('@honeyhive/pack-smoke') as PackSmoke;

export const { readTarballFiles } = packSmoke;

/** Packs every public package of the repository into `destination` as `pnpm publish` would, sorted by name. */
export function packPublicPackages(destination: string): PackedPackage[] {
  return packSmoke.packPublicPackages(repoRoot, destination);
}

/** What the release script's guard refuses in a packed `manifest`, checked against this repository's packages. */
export function unpublishableRanges(manifest: Manifest): GuardProblem[] {
  return packSmoke.unpublishableDependencies(manifest, packSmoke.workspaceIndex(packSmoke.listWorkspacePackages(repoRoot)));
}

/** The file lists `pnpm pack` gives for workspace `root` (one recursive dry run): package name -> paths. */
export async function dryRunPackFiles(root: string): Promise<Map<string, string[]>> {
  const pnpm = packSmoke.pnpmCommand(repoRoot);
  const { stdout } = await run(pnpm.command, [...pnpm.args, '--recursive', 'pack', '--dry-run', '--json'], {
    cwd: root,
    maxBuffer: 64 * 1024 * 1024,
  });
  const packed = JSON.parse(stdout.slice(stdout.indexOf('['))) as Array<{ name: string; files: Array<{ path: string }> }>;
  return new Map(packed.map((entry) => [entry.name, entry.files.map((file) => file.path)]));
}
