import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The machine the run happened on. */
export function machineDetails(startedAt: Date): Record<string, string | number> {
  const cpus = os.cpus();
  return {
    node: process.version,
    v8: process.versions.v8,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    date: startedAt.toISOString(),
  };
}

/** The version in the package.json of `name` as resolved from `fromDir`, or 'not installed'. */
function packageVersion(name: string, fromDir: string): string {
  let entry: string;
  try {
    entry = require.resolve(name, { paths: [fromDir] });
  } catch {
    try {
      entry = require.resolve(`${name}/package.json`, { paths: [fromDir] });
    } catch {
      return 'not installed';
    }
  }
  // Walk up from the entry to the package's own manifest (some packages do not export ./package.json).
  for (let dir = path.dirname(entry); dir !== path.dirname(dir); dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (!fs.existsSync(manifest)) continue;
    const parsed = JSON.parse(fs.readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === name) return parsed.version ?? 'unknown';
  }
  return 'unknown';
}

function dirOf(name: string, fromDir: string): string {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [fromDir] }));
  } catch {
    return fromDir;
  }
}

/** Versions of everything compared, as resolved from the bench package. */
export function packageVersions(benchDir: string): Record<string, string> {
  const versions: Record<string, string> = {};
  for (const name of [
    '@honeyhive/tracer',
    '@honeyhive/processing',
    '@honeyhive/instrumentation',
    '@opentelemetry/api',
    '@opentelemetry/sdk-trace-node',
    '@opentelemetry/sdk-trace-base',
    '@opentelemetry/exporter-trace-otlp-proto',
    '@opentelemetry/exporter-trace-otlp-http',
    '@opentelemetry/exporter-trace-otlp-grpc',
    'honeyhive',
    '@langfuse/tracing',
    '@langfuse/otel',
  ]) {
    versions[name] = packageVersion(name, benchDir);
  }
  const traceloopDir = dirOf('@traceloop/node-server-sdk', dirOf('honeyhive', benchDir));
  versions['@traceloop/node-server-sdk (under honeyhive)'] = packageVersion('@traceloop/node-server-sdk', dirOf('honeyhive', benchDir));
  versions['@opentelemetry/sdk-node (under traceloop)'] = packageVersion('@opentelemetry/sdk-node', traceloopDir);
  return versions;
}
