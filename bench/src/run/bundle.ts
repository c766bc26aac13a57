// Section 7: what a serverless deployment ships. Each tiny app bundled with esbuild from what a fresh install of
// it holds (src/run/fresh-install.ts: not this workspace's extras, such as the optional @grpc/grpc-js), everything
// included (no externals but Node's built-ins), minified, CommonJS for Node 20; then the bundle is run once against
// the local backend to show it works. An opt-in (gRPC) is a line of its own.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Metafile } from 'esbuild';
import { APP_INSTALLS, appFile } from '../fresh/apps';
import type { BundleSpec, Plan } from '../plan';
import type { BundleRow } from '../results';
import { runChecked } from './fresh';
import { freshInstall, freshInstallPlugin, type FreshInstallReport } from './fresh-install';
import type { JobRunner } from './job-runner';

/** The esbuild options of every bundle (the same for every app). */
const BUNDLE_OPTIONS = { bundle: true, minify: true, platform: 'node', target: 'node20', format: 'cjs', keepNames: true } as const;

/** The package a bundled input file belongs to: the last node_modules segment, a workspace package, or the app. */
function packageOf(input: string): string {
  const parts = input.split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at >= 0 && parts[at + 1]) return parts[at + 1]!.startsWith('@') ? `${parts[at + 1]}/${parts[at + 2]}` : parts[at + 1]!;
  const workspace = parts.indexOf('packages');
  if (workspace >= 0 && parts[workspace + 1]) return `@honeyhive/${parts[workspace + 1]} (workspace)`;
  return '(app)';
}

function topPackages(metafile: Metafile, outfile: string, count: number): Array<{ name: string; bytes: number }> {
  const output = Object.entries(metafile.outputs).find(([file]) => path.resolve(file) === path.resolve(outfile))?.[1];
  const byPackage = new Map<string, number>();
  for (const [input, { bytesInOutput }] of Object.entries(output?.inputs ?? {})) {
    const name = packageOf(input);
    byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
  }
  return [...byPackage]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, count);
}

/** The file name of a bundle: `ours.cjs`, `ours+grpc-grpc-js.cjs`. */
function bundleFileName(spec: BundleSpec): string {
  const optIn = (spec.optIn ?? []).map((name) => `+${name.replace(/^@/, '').replace(/\//g, '-')}`).join('');
  return `${spec.app}${optIn}.cjs`;
}

/** Runs section 7: bundles into `outDir` and runs each bundle once. */
export async function runBundleSection(jobs: JobRunner, plan: Plan, outDir: string): Promise<BundleRow[]> {
  jobs.progress(`7. bundle size: esbuild ${JSON.stringify(BUNDLE_OPTIONS)}, from a fresh install of each app`);
  const esbuild = require('esbuild') as typeof import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  // built and run outside the repository, where no node_modules can stand in for a package left out; then copied
  // to `outDir` for inspection
  const runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'honeyhive-bench-bundles-'));
  try {
    return await bundleEach(esbuild, jobs, plan, runDir, outDir);
  } finally {
    fs.rmSync(runDir, { recursive: true, force: true });
  }
}

async function bundleEach(esbuild: typeof import('esbuild'), jobs: JobRunner, plan: Plan, runDir: string, outDir: string): Promise<BundleRow[]> {
  const rows: BundleRow[] = [];
  for (const spec of plan.bundles) {
    const { app } = spec;
    const optIn = spec.optIn ?? [];
    const label = `bundle ${app}${optIn.map((name) => ` + ${name}`).join('')}`;
    const outfile = path.join(runDir, bundleFileName(spec));
    const entry = appFile(app);
    const report: FreshInstallReport = { notInstalled: new Set() };
    try {
      const roots = [...APP_INSTALLS[app], ...optIn];
      const installed = freshInstall(roots, path.dirname(entry));
      const plugins = [freshInstallPlugin(installed, roots, path.dirname(entry), report)];
      const result = await esbuild.build({ ...BUNDLE_OPTIONS, entryPoints: [entry], outfile, metafile: true, logLevel: 'silent', plugins });
      const code = fs.readFileSync(outfile);
      fs.copyFileSync(outfile, path.join(outDir, bundleFileName(spec)));
      const run = await runChecked(jobs, app, outfile, `${label} (${(code.length / 1024).toFixed(0)} KiB)`, false, spec.env);
      rows.push({
        app,
        optIn,
        notInstalled: [...report.notInstalled].sort(),
        bytes: code.length,
        gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
        topPackages: topPackages(result.metafile, outfile, 6),
        runs: run !== undefined,
        ...(run?.firstSpanMs !== undefined ? { firstSpanMs: run.firstSpanMs } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      jobs.fail(label, message);
      rows.push({ app, optIn, notInstalled: [...report.notInstalled].sort(), bytes: Number.NaN, gzipBytes: Number.NaN, topPackages: [], runs: false, error: message.split('\n')[0]! });
    }
  }
  return rows;
}
