#!/usr/bin/env node
// Install footprint: packages and MB that `npm install` puts in a fresh project for the HoneyHive packages
// (packed from a workspace, as `pnpm publish` would) and for the alternatives a user compares them with.
//
//   node bench/footprint/footprint.mjs [--repo DIR] [--tarballs DIR] [--label TEXT] [--json FILE]
//                                      [--compare OLD.json] [--md FILE] [--no-registry] [--keep]
//
// See README.md next to this file.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const require = createRequire(import.meta.url);
const { packPublicPackages, withPackedDependencies, readTarballManifest, writeProject, npmInstall, installedPackages, cleanEnv } =
  require('../../tooling/pack-smoke/src/index.js');

/** The alternatives, pinned so the table can be reproduced. */
export const REGISTRY_ROWS = [
  { id: 'honeyhive-1.x', label: 'npm `honeyhive@1.0.42`', dependencies: { honeyhive: '1.0.42' } },
  { id: 'langfuse', label: 'Langfuse (`@langfuse/tracing` + `@langfuse/otel` 5.11.1)', dependencies: { '@langfuse/tracing': '5.11.1', '@langfuse/otel': '5.11.1' } },
  {
    id: 'otel-sdk',
    label: 'plain OTel SDK (`@opentelemetry/sdk-trace-node` 2.12.1 + `@opentelemetry/exporter-trace-otlp-http` 0.223.1)',
    dependencies: { '@opentelemetry/sdk-trace-node': '2.12.1', '@opentelemetry/exporter-trace-otlp-http': '0.223.1' },
  },
];

/** The HoneyHive rows: packages installed from tarballs (with the packed packages they depend on). */
export const HONEYHIVE_ROWS = [
  { id: 'tracer', label: '`@honeyhive/tracer`', install: ['@honeyhive/tracer'] },
  { id: 'instrumentation', label: '`@honeyhive/instrumentation` alone', install: ['@honeyhive/instrumentation'] },
  { id: 'utils', label: '`@honeyhive/utils` alone', install: ['@honeyhive/utils'] },
  { id: 'tracer+app-otel', label: '`@honeyhive/tracer` in an app on `@opentelemetry/sdk-trace-node` 2.12.1', install: ['@honeyhive/tracer'], extra: { '@opentelemetry/sdk-trace-node': '2.12.1' } },
];

function parseArgs(argv) {
  const options = { repo: resolve(new URL('../..', import.meta.url).pathname), registry: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i];
    if (arg === '--repo') options.repo = resolve(value());
    else if (arg === '--tarballs') options.tarballs = resolve(value());
    else if (arg === '--label') options.label = value();
    else if (arg === '--json') options.json = resolve(value());
    else if (arg === '--compare') options.compare = resolve(value());
    else if (arg === '--md') options.md = resolve(value());
    else if (arg === '--no-registry') options.registry = false;
    else if (arg === '--keep') options.keep = true;
    else throw new Error(`unknown option ${arg} (see bench/footprint/README.md)`);
  }
  return options;
}

function diskMegabytes(dir) {
  const du = spawnSync('du', ['-sk', join(dir, 'node_modules')], { encoding: 'utf8' });
  return du.status === 0 ? Math.round((Number(du.stdout.split(/\s/)[0]) / 1024) * 10) / 10 : undefined;
}

async function measure(work, id, dependencies) {
  const dir = join(work, id);
  writeProject(dir, dependencies);
  const started = Date.now();
  const result = await npmInstall(dir, { env: cleanEnv() });
  if (result.code !== 0) throw new Error(`npm install for ${id} failed (${result.code}):\n${result.stderr.slice(-3000)}`);
  const { packages, bytes } = installedPackages(dir);
  const copies = (name) => packages.filter((p) => p.startsWith(`${name}@`)).length;
  return {
    id,
    packages: packages.length,
    diskMB: diskMegabytes(dir),
    apparentMB: Math.round((bytes / 1048576) * 10) / 10,
    grpc: copies('@grpc/grpc-js') > 0,
    protobufjs: copies('protobufjs') > 0,
    sdkTraceBaseCopies: copies('@opentelemetry/sdk-trace-base'),
    duplicated: duplicatedNames(packages),
    npmWarnings: result.stderr.split('\n').filter((line) => /\bwarn\b/i.test(line)),
    installSeconds: Math.round((Date.now() - started) / 100) / 10,
    list: packages,
  };
}

function tarballSet(options, work) {
  if (options.tarballs) {
    return readdirSync(options.tarballs)
      .filter((f) => f.endsWith('.tgz'))
      .map((f) => {
        const tarball = join(options.tarballs, f);
        const manifest = readTarballManifest(tarball);
        return { name: manifest.name, version: manifest.version, tarball, manifest };
      });
  }
  return packPublicPackages(options.repo, join(work, 'tarballs'));
}

/** Names installed more than once, from `name@version` entries. */
function duplicatedNames(list) {
  const names = list.map((p) => p.slice(0, p.lastIndexOf('@')));
  return [...new Set(names.filter((name, i) => names.indexOf(name) !== i))];
}

/** gRPC installed, and packages installed more than once (named when few). */
function notes(row) {
  if (!row) return '';
  const extra = [];
  if (row.grpc) extra.push('gRPC');
  const dup = duplicatedNames(row.list ?? []);
  if (dup.length > 0) extra.push(dup.length <= 3 ? `2+ copies of ${dup.join(', ')}` : `${dup.length} packages in 2+ copies`);
  return extra.length ? ` (${extra.join('; ')})` : '';
}

function cell(row) {
  return row ? `${row.packages} pkgs, ${row.diskMB} MB` : '–';
}

function markdown(report, before) {
  const lines = [];
  const head = before
    ? `| install (fresh npm project) | before (${before.label}) | after (${report.label}) |`
    : `| install (fresh npm project) | ${report.label} |`;
  lines.push(head, before ? '|---|---|---|' : '|---|---|');
  for (const row of report.rows) {
    const old = before?.rows.find((r) => r.id === row.id);
    const note = notes(row);
    if (before) {
      const same = row.source === 'registry';
      lines.push(`| ${row.label} | ${same ? '(registry)' : cell(old) + notes(old)} | ${cell(row)}${note} |`);
    } else {
      lines.push(`| ${row.label} | ${cell(row)}${note} |`);
    }
  }
  lines.push('', 'Packages: every package directory under node_modules (nested copies counted). MB: `du -sm node_modules`.' +
    (before ? ' (registry): the same published packages before and after, measured with the after column.' : ''));
  return lines.join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'hh-footprint-'));
  try {
    const packed = tarballSet(options, work);
    const versions = packed.map((p) => `${p.name}@${p.version}`).join(', ');
    const rows = [];
    for (const row of HONEYHIVE_ROWS) {
      const tarballs = withPackedDependencies(row.install, packed);
      const dependencies = Object.fromEntries(tarballs.map((p) => [p.name, `file:${p.tarball}`]));
      Object.assign(dependencies, row.extra ?? {});
      const result = await measure(work, row.id, dependencies);
      rows.push({ ...result, label: row.label, source: 'tarballs' });
      console.error(`${row.id}: ${result.packages} packages, ${result.diskMB} MB`);
    }
    if (options.registry) {
      for (const row of REGISTRY_ROWS) {
        const result = await measure(work, row.id, row.dependencies);
        rows.push({ ...result, label: row.label, source: 'registry' });
        console.error(`${row.id}: ${result.packages} packages, ${result.diskMB} MB`);
      }
    }
    const report = { label: options.label ?? options.repo, measuredAt: new Date().toISOString(), node: process.version, npm: spawnSync('npm', ['-v'], { encoding: 'utf8', env: cleanEnv() }).stdout.trim(), packed: versions, rows };
    if (options.json) writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    const before = options.compare ? JSON.parse(readFileSync(options.compare, 'utf8')) : undefined;
    if (before) {
      // Registry rows are the same packages before and after: keep the newer measurement, show it once.
      for (const old of before.rows) if (old.source === 'registry' && !rows.some((r) => r.id === old.id)) rows.push(old);
    }
    const table = markdown(report, before);
    if (options.md) writeFileSync(options.md, `${table}\n`);
    console.log(table);
  } finally {
    if (options.keep) console.error(`kept ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
}

await main();
