// Section 7: what a serverless deployment ships. Each tiny app bundled with esbuild, everything included
// (no externals but Node's built-ins), minified, CommonJS for Node 20; then the bundle is run once against the
// local backend to show it works.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Metafile } from 'esbuild';
import { appFile, type AppName } from '../fresh/apps';
import type { Plan } from '../plan';
import type { BundleRow } from '../results';
import { runChecked } from './fresh';
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

/** Runs section 7: bundles into `outDir` and runs each bundle once. */
export async function runBundleSection(jobs: JobRunner, plan: Plan, outDir: string): Promise<BundleRow[]> {
  jobs.progress(`7. bundle size: esbuild ${JSON.stringify(BUNDLE_OPTIONS)}`);
  const esbuild = require('esbuild') as typeof import('esbuild');
  fs.mkdirSync(outDir, { recursive: true });
  const rows: BundleRow[] = [];
  for (const app of plan.bundleApps as AppName[]) {
    const outfile = path.join(outDir, `${app}.cjs`);
    try {
      const result = await esbuild.build({ ...BUNDLE_OPTIONS, entryPoints: [appFile(app)], outfile, metafile: true, logLevel: 'silent' });
      const code = fs.readFileSync(outfile);
      const run = await runChecked(jobs, app, outfile, `bundle ${app} (${(code.length / 1024).toFixed(0)} KiB)`, false);
      rows.push({
        app,
        bytes: code.length,
        gzipBytes: zlib.gzipSync(code, { level: 9 }).length,
        topPackages: topPackages(result.metafile, outfile, 6),
        runs: run !== undefined,
        ...(run?.firstSpanMs !== undefined ? { firstSpanMs: run.firstSpanMs } : {}),
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      jobs.fail(`bundle ${app}`, message);
      rows.push({ app, bytes: Number.NaN, gzipBytes: Number.NaN, topPackages: [], runs: false, error: message.split('\n')[0]! });
    }
  }
  return rows;
}
