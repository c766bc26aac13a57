#!/usr/bin/env node
// The release path: changeset version → build → the test command → pack and check every tarball → pnpm publish -r.
//
//   pnpm release                 apply the pending changesets and commit the new versions, build, run every check,
//                                refuse any tarball with an unpublishable dependency range, publish, tag
//   pnpm release --dry-run       the same without changing versions, committing, publishing or tagging: it shows the
//                                pending changesets, builds, runs every check, packs and checks the tarballs of the
//                                current versions, and runs `pnpm publish -r --dry-run`
//   --skip-checks                (dry run only) skip the build and the test command; pack the current dist/
//   --tag <dist-tag>             publish under this dist-tag instead of `latest`
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const { pnpmCommand, packPublicPackages, assertPublishableTarballs, workspaceIndex, listWorkspacePackages } =
  require('../pack-smoke/src/index.js');

const root = new URL('../..', import.meta.url).pathname;

function parseArgs(argv) {
  const options = { dryRun: false, skipChecks: false, tag: undefined };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--dry-run') options.dryRun = true;
    else if (argv[i] === '--skip-checks') options.skipChecks = true;
    else if (argv[i] === '--tag' && argv[i + 1]) options.tag = argv[++i];
    else throw new Error(`unknown option ${argv[i]}; use --dry-run, --skip-checks (with --dry-run) or --tag <dist-tag>`);
  }
  if (options.skipChecks && !options.dryRun) throw new Error('--skip-checks is for --dry-run only: a release always runs every check');
  return options;
}

function step(title) {
  console.log(`\n▶ ${title}`);
}

/** Runs a command in the repository root with inherited output; throws naming the step when it fails. */
function exec(command, args, what) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status ?? result.signal}`}); nothing was published`);
}

function capture(command, args) {
  const result = spawnSync(command, args, { cwd: root, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return result.stdout;
}

const pnpm = pnpmCommand(root);
const runPnpm = (args, what) => exec(pnpm.command, [...pnpm.args, ...args], what);

/** The pending changesets: file name and the bumps of its front matter. */
function pendingChangesets() {
  const dir = join(root, '.changeset');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.md') && file !== 'README.md')
    .map((file) => {
      const front = /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), 'utf8'))?.[1] ?? '';
      const bumps = [...front.matchAll(/^\s*["']?([^"':\s]+)["']?\s*:\s*(major|minor|patch)\s*$/gm)].map((m) => `${m[1]} ${m[2]}`);
      return { file, bumps };
    });
}

function preflight(options) {
  if (options.dryRun) return;
  const dirty = capture('git', ['status', '--porcelain']).trim();
  if (dirty) throw new Error(`the working tree has uncommitted changes; commit or stash them first:\n${dirty}`);
  const branch = capture('git', ['rev-parse', '--abbrev-ref', 'HEAD']).trim();
  if (branch !== 'main') throw new Error(`releases are made from main; this is ${branch}`);
}

function version(options) {
  const pending = pendingChangesets();
  step(`Versions: ${pending.length} pending changeset(s)`);
  for (const { file, bumps } of pending) console.log(`  ${file}: ${bumps.join(', ') || '(no bump)'}`);
  if (options.dryRun) {
    console.log('  dry run: versions stay as they are; the packages are packed at their current versions');
    return;
  }
  if (pending.length === 0) {
    console.log('  nothing to version; publishing the versions that are not on the registry yet');
    return;
  }
  runPnpm(['exec', 'changeset', 'version'], 'changeset version');
  exec(process.execPath, ['tooling/scripts/write-package-version.mjs', '--all'], 'writing the new versions into src/package-version.ts');
  const changed = capture('git', ['status', '--porcelain']).split('\n').filter(Boolean).map((line) => line.slice(3));
  const versions = listWorkspacePackages(root).filter((p) => !p.private).map((p) => `${p.name}@${p.version}`);
  exec('git', ['add', '--', ...changed], 'git add');
  exec('git', ['commit', '-m', `Release ${versions.join(', ')}`], 'git commit');
}

function checks(options) {
  if (options.skipChecks) {
    step('Build and checks skipped (--skip-checks): packing the current dist/');
    return;
  }
  step('Build');
  runPnpm(['run', 'build'], 'the build');
  step('Checks (the test command)');
  runPnpm(['run', 'test'], 'the test command');
}

function packAndGuard() {
  step('Pack every public package and check its manifest');
  const dir = mkdtempSync(join(tmpdir(), 'hh-release-'));
  try {
    const packed = packPublicPackages(root, dir);
    assertPublishableTarballs(packed.map((p) => p.tarball), workspaceIndex(listWorkspacePackages(root)));
    for (const p of packed) console.log(`  ${p.name}@${p.version}: every dependency range installable`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function publish(options) {
  const tag = options.tag ? ['--tag', options.tag] : [];
  if (options.dryRun) {
    step('pnpm publish -r --dry-run');
    runPnpm(['publish', '-r', '--dry-run', '--no-git-checks', '--access', 'public', ...tag], 'pnpm publish --dry-run');
    console.log('\nDry run complete: nothing was versioned, committed or published.');
    return;
  }
  step('pnpm publish -r');
  // The tree was clean on main at the start; the test command may rewrite tracked result files since.
  runPnpm(['publish', '-r', '--no-git-checks', '--access', 'public', ...tag], 'pnpm publish');
  runPnpm(['exec', 'changeset', 'tag'], 'changeset tag');
  console.log('\nPublished. Push the release commit and its tags: git push --follow-tags');
}

try {
  const options = parseArgs(process.argv.slice(2));
  preflight(options);
  version(options);
  checks(options);
  packAndGuard();
  publish(options);
} catch (error) {
  console.error(`\nrelease: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
