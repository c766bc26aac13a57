// gRPC is opt-in: `@grpc/grpc-js` is an optional peer dependency. Without it, choosing `protocol: 'grpc'` must
// say once which package to add, count every span as failed (the user's calls unaffected), and never load
// or half-load anything; any other load error must be reported as it is, not as "not installed". With it,
// spans arrive over gRPC. Each case runs fixtures/grpc-export.js on the built package in a child process;
// fixtures/hide-module.js makes one module unresolvable there, as in an app that did not install it.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { GrpcTransportMissingError, grpcTransportMissing } from '../src';
import { isModuleNotFound } from '../src/grpc-transport';

const API_KEY = 'hh-grpc-optional-key';
const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'grpc-export.js');
const HIDE = path.join(__dirname, 'fixtures', 'hide-module.js');
// a safety net for a hung child only; each run takes about a second
const CHILD_LIMIT_MS = 60_000;

interface ChildRun {
  lines: string[];
  result: {
    problems: Array<{ variable: string; value: string; message: string }>;
    outcomes: Array<{ returned?: unknown; threw?: string }>;
    flushed: string;
    stats: { started: number; ended: number; exported: number; failed: number; queued: number; inFlight: number; dropped: Record<string, number> };
    grpcLoaded: boolean;
  };
}

const USER_OUTCOMES = [
  { returned: { doubled: 0 } },
  { returned: { doubled: 2 } },
  { returned: { doubled: 4 } },
  { returned: { doubled: 6 } },
  { threw: 'RangeError: user error 4' },
];

let backend: LocalBackend;

beforeAll(() => {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), PACKAGE_DIR], { stdio: 'pipe', timeout: 120_000 });
}, 180_000);
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend?.stop());

function runChild(hiddenModule?: string): Promise<ChildRun> {
  const env = { PATH: process.env.PATH, ENDPOINT: backend.grpcUrl, API_KEY, ...(hiddenModule ? { HIDE_MODULE: hiddenModule } : {}) };
  const args = hiddenModule ? ['--require', HIDE, FIXTURE] : [FIXTURE];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env, cwd: PACKAGE_DIR, timeout: CHILD_LIMIT_MS }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}\n${stdout}`));
      const lines = stdout.split('\n').filter((line) => line !== '');
      const last = lines.find((line) => line.startsWith('RESULT '));
      if (last === undefined) return reject(new Error(`no RESULT line\n${stdout}\n${stderr}`));
      resolve({ lines: lines.filter((line) => line.startsWith('LOG ')), result: JSON.parse(last.slice('RESULT '.length)) as ChildRun['result'] });
    });
  });
}

describe('protocol grpc without @grpc/grpc-js installed', () => {
  it('reports one problem naming the package, counts every span as failed, and leaves the user code alone', async () => {
    const { lines, result } = await runChild('@grpc/grpc-js');

    expect(result.problems).toHaveLength(1);
    expect(result.problems[0]).toMatchObject({ variable: 'protocol', value: 'grpc' });
    expect(result.problems[0]!.message).toContain('npm install @grpc/grpc-js');
    // what the user's functions returned and threw is untouched
    expect(result.outcomes).toEqual(USER_OUTCOMES);
    expect(result.flushed).toBe('resolved');
    // every span accounted for as failed: none lost, none sent
    expect(result.stats).toMatchObject({ started: 5, ended: 5, exported: 0, failed: 5, queued: 0, inFlight: 0 });
    expect(Object.values(result.stats.dropped).every((count) => count === 0)).toBe(true);
    // the three batches failed at once with the reason (no retries, no connection): one rate-limited line says so
    const warnings = lines.filter((line) => line.startsWith('LOG warn') || line.startsWith('LOG error'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('npm install @grpc/grpc-js');
    expect(lines.filter((line) => line.includes('retrying'))).toEqual([]);
    expect(result.grpcLoaded).toBe(false);
    expect(backend.spans()).toHaveLength(0);
  });

  it('reports another load error of grpc-js as it is, not as a missing package', async () => {
    // grpc-js resolves, but a module it needs does not: that is a broken install, not a missing transport
    const { lines, result } = await runChild('@js-sdsl/ordered-map');

    expect(result.problems).toEqual([]);
    expect(result.outcomes).toEqual(USER_OUTCOMES);
    expect(result.stats).toMatchObject({ ended: 5, exported: 0, failed: 5, queued: 0, inFlight: 0 });
    const warnings = lines.filter((line) => line.startsWith('LOG warn'));
    expect(warnings.some((line) => line.includes("could not create the grpc exporter") && line.includes("Cannot find module '@js-sdsl/ordered-map'"))).toBe(true);
    expect(lines.some((line) => line.includes('npm install @grpc/grpc-js'))).toBe(false);
  });
});

describe('protocol grpc with @grpc/grpc-js installed', () => {
  it('delivers the spans over gRPC, loading grpc-js only for the export', async () => {
    await backend.reset();
    const { lines, result } = await runChild();

    expect(result.problems).toEqual([]);
    expect(result.outcomes).toEqual(USER_OUTCOMES);
    expect(result.stats).toMatchObject({ ended: 5, exported: 5, failed: 0, queued: 0, inFlight: 0 });
    expect(lines.filter((line) => line.startsWith('LOG warn'))).toEqual([]);
    expect(result.grpcLoaded).toBe(true);
    expect(backend.spans().map((span) => span.name).sort()).toEqual(['call-0', 'call-1', 'call-2', 'call-3', 'call-4']);
  });
});

describe('the published manifests', () => {
  it('no package installs gRPC by default: @grpc/grpc-js is an optional peer of processing only', () => {
    const packagesDir = path.resolve(__dirname, '..', '..');
    for (const name of readdirSync(packagesDir)) {
      const file = path.join(packagesDir, name, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
      for (const field of ['dependencies', 'optionalDependencies']) {
        expect({ name, field, grpc: Object.keys(manifest[field] ?? {}).filter((dep) => /grpc|protobufjs/.test(dep)) }).toEqual({ name, field, grpc: [] });
      }
    }
    const processing = JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(processing.peerDependencies?.['@grpc/grpc-js']).toBeDefined();
    expect(processing.peerDependenciesMeta?.['@grpc/grpc-js']).toEqual({ optional: true });
  });
});

describe('grpcTransportMissing and isModuleNotFound', () => {
  it('finds grpc-js installed here (a devDependency of this repository)', () => {
    expect(grpcTransportMissing()).toBeUndefined();
  });

  it('tells "this package is not installed" from a module it needs and from other load errors', () => {
    const notFound = (request: string) => Object.assign(new Error(`Cannot find module '${request}'\nRequire stack:\n- /app/x.js`), { code: 'MODULE_NOT_FOUND' });
    expect(isModuleNotFound(notFound('@grpc/grpc-js'), '@grpc/grpc-js')).toBe(true);
    expect(isModuleNotFound(notFound('@grpc/grpc-js/build/src/index.js'), '@grpc/grpc-js')).toBe(false);
    expect(isModuleNotFound(notFound('@grpc/proto-loader'), '@grpc/grpc-js')).toBe(false);
    expect(isModuleNotFound(new Error("Cannot find module '@grpc/grpc-js'"), '@grpc/grpc-js')).toBe(false);
    expect(isModuleNotFound(Object.assign(new SyntaxError('Unexpected token'), { code: 'ERR_REQUIRE_ESM' }), '@grpc/grpc-js')).toBe(false);
    expect(isModuleNotFound('MODULE_NOT_FOUND', '@grpc/grpc-js')).toBe(false);
    expect(new GrpcTransportMissingError().message).toContain('npm install @grpc/grpc-js');
  });
});
