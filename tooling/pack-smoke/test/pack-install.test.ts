import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';

// The pack-and-install smoke: every public package packed as `pnpm publish` packs it, installed from the
// tarballs into fresh npm projects outside the repository, and used there the way a user would, against the
// local backend. See README.md for what each case proves.

const smoke = require('../src');

interface RunResult {
  code: number | null;
  signal: string | null;
  stdout: string;
  stderr: string;
}
interface Packed {
  name: string;
  version: string;
  tarball: string;
  manifest: Record<string, unknown>;
}

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const FIXTURES = path.resolve(__dirname, '..', 'fixtures');
const TSC = require.resolve('typescript/bin/tsc');
const API_KEY = 'hh-pack-smoke-key';
// Safety nets only: nothing here waits for time, and a healthy run is far below them.
const INSTALL_TIMEOUT_MS = 480_000;
const RUN_TIMEOUT_MS = 120_000;
const SPAN_TIMEOUT_MS = 30_000;

const ESM_REQUIRE_BANNER =
  "import { createRequire as __honeyhiveCreateRequire } from 'node:module';\n" +
  'const require = __honeyhiveCreateRequire(import.meta.url);';

/** What the app's package.json adds next to the tarballs: the OTel API peer, the app's own OTel SDK, node types. */
const APP_DEPENDENCIES = {
  '@opentelemetry/api': '1.9.1',
  '@opentelemetry/sdk-trace-node': '2.12.1',
  '@types/node': '20.19.43',
};

let work: string;
let backend: LocalBackend;
let packed: Packed[];
// Started as soon as the app project is installed and awaited by their tests: the type checks are the slowest
// step, and they overlap the app runs this way.
const typeChecks: Partial<Record<'node16' | 'bundler', Promise<RunResult>>> = {};
const projects: Record<'app' | 'utils' | 'instrumentation', { dir: string; install?: RunResult }> = {
  app: { dir: '' },
  utils: { dir: '' },
  instrumentation: { dir: '' },
};

function fileSpecs(packages: Packed[]): Record<string, string> {
  return Object.fromEntries(packages.map((p) => [p.name, `file:${p.tarball}`]));
}

function copyFixtures(from: string, to: string): void {
  fs.cpSync(path.join(FIXTURES, from), to, { recursive: true });
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'hh-pack-smoke-'));
  packed = smoke.packPublicPackages(REPO_ROOT, path.join(work, 'tarballs'));
  backend = await startLocalBackend();

  projects.app.dir = path.join(work, 'app');
  smoke.writeProject(projects.app.dir, { ...fileSpecs(packed), ...APP_DEPENDENCIES });
  copyFixtures('app', projects.app.dir);
  projects.utils.dir = path.join(work, 'utils-alone');
  smoke.writeProject(projects.utils.dir, fileSpecs(smoke.withPackedDependencies(['@honeyhive/utils'], packed)));
  copyFixtures('utils', projects.utils.dir);
  projects.instrumentation.dir = path.join(work, 'instrumentation-alone');
  smoke.writeProject(projects.instrumentation.dir, fileSpecs(smoke.withPackedDependencies(['@honeyhive/instrumentation'], packed)));
  copyFixtures('instrumentation', projects.instrumentation.dir);

  // One cache for all three (npm's own, shared with every other npm run on the machine).
  const results: RunResult[] = await Promise.all(
    Object.values(projects).map((project) => smoke.npmInstall(project.dir, { timeoutMs: INSTALL_TIMEOUT_MS })),
  );
  Object.values(projects).forEach((project, i) => (project.install = results[i]));
  if (projects.app.install?.code === 0) {
    for (const config of ['node16', 'bundler'] as const) {
      typeChecks[config] = smoke.run(process.execPath, [TSC, '-p', `tsconfig.${config}.json`], { cwd: projects.app.dir, timeoutMs: RUN_TIMEOUT_MS });
    }
  }
}, INSTALL_TIMEOUT_MS + 120_000);

afterAll(async () => {
  await Promise.all(Object.values(typeChecks));
  await backend?.stop();
  // Three node_modules trees: deleting them can take 20 s on a busy disk, so a detached process does it.
  if (work) {
    const script = 'require("node:fs").rmSync(process.argv[1], { recursive: true, force: true })';
    spawn(process.execPath, ['-e', script, work], { detached: true, stdio: 'ignore' }).unref();
  }
});

function describeRun(what: string, result: RunResult): string {
  return `${what} exited with ${result.code ?? result.signal}\n--- stdout ---\n${result.stdout.slice(-4000)}\n--- stderr ---\n${result.stderr.slice(-4000)}`;
}

function installedProject(name: keyof typeof projects): string {
  const { dir, install } = projects[name];
  if (!install || install.code !== 0) throw new Error(describeRun(`npm install in ${dir}`, install ?? { code: null, signal: null, stdout: '', stderr: 'not run' }));
  return dir;
}

/** Runs a node entry file of a project; resolves with the JSON it printed after `SMOKE_RESULT`. */
async function runApp(cwd: string, file: string, caseName: string): Promise<Record<string, any>> {
  const env = smoke.cleanEnv(process.env, { SMOKE_SERVER_URL: backend.httpUrl, SMOKE_API_KEY: API_KEY, SMOKE_CASE: caseName });
  for (const key of Object.keys(env)) if (key.startsWith('HH_')) delete env[key];
  const result: RunResult = await smoke.run(process.execPath, [file], { cwd, env, timeoutMs: RUN_TIMEOUT_MS });
  const line = result.stdout.split('\n').find((l) => l.startsWith('SMOKE_RESULT '));
  if (result.code !== 0 || line === undefined) throw new Error(describeRun(`node ${file} (${caseName})`, result));
  return JSON.parse(line.slice('SMOKE_RESULT '.length));
}

async function spanArrived(sessionId: string, name: string): Promise<ReceivedSpan> {
  try {
    return await backend.waitFor(
      () => backend.spans().find((s) => s.name === name && s.attributes['honeyhive.session_id'] === sessionId),
      SPAN_TIMEOUT_MS,
    );
  } catch {
    const seen = backend.spans().map((s) => `${s.name} [${String(s.attributes['honeyhive.session_id'])}]`);
    throw new Error(`span '${name}' of session ${sessionId} never arrived; received: ${seen.join(', ') || 'none'}`);
  }
}

async function expectTracedSession(result: Record<string, any>, caseName: string, spanName: string): Promise<void> {
  expect(result.delivered).toBe(true);
  const span = await spanArrived(result.sessionId, spanName);
  expect(span.attributes['honeyhive.project']).toBe('pack-smoke');
  // The session start reached the backend (a session known only from spans has no name).
  expect(backend.session(result.sessionId)?.session_name).toBe(caseName);
}

async function typeCheck(config: keyof typeof typeChecks): Promise<void> {
  installedProject('app');
  const result = await typeChecks[config];
  if (result === undefined || result.code !== 0) throw new Error(describeRun(`tsc -p tsconfig.${config}.json`, result ?? { code: null, signal: null, stdout: '', stderr: 'not run' }));
}

async function bundle(format: 'cjs' | 'esm'): Promise<string> {
  const cwd = installedProject('app');
  // Outside the project: the bundle must run with no node_modules to fall back on.
  const outfile = path.join(work, `bundle-${format}`, format === 'cjs' ? 'app.cjs' : 'app.mjs');
  const esbuild = require('esbuild');
  await esbuild.build({
    absWorkingDir: cwd,
    entryPoints: ['bundle-entry.mjs'],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    keepNames: true,
    // ESM output needs a real `require` for the CommonJS inside (OpenTelemetry's and ours): without it esbuild's
    // stub throws "Dynamic require of "node:util" is not supported" at start. docs/bundling.md gives this banner.
    ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

describe('packing', () => {
  it('packs every public package, and every packed range can be installed from the registry', () => {
    const workspace = smoke.listWorkspacePackages(REPO_ROOT);
    expect(packed.map((p) => p.name)).toEqual(workspace.filter((p: { private: boolean }) => !p.private).map((p: { name: string }) => p.name).sort());
    expect(() => smoke.assertPublishableTarballs(packed.map((p) => p.tarball), smoke.workspaceIndex(workspace))).not.toThrow();
  });
});

describe('all tarballs installed into one npm project', () => {
  it('@honeyhive/tracer from ESM (.mjs): a traced call and the session start reach the backend', async () => {
    const result = await runApp(installedProject('app'), 'tracer-esm.mjs', 'esm');
    expect(result.result).toBe('answer to esm');
    await expectTracedSession(result, 'esm', 'answer');
  });

  it('@honeyhive/tracer from CommonJS (.cjs): a traced call and the session start reach the backend', async () => {
    const result = await runApp(installedProject('app'), 'tracer-cjs.cjs', 'cjs');
    expect(result.result).toBe('answer to cjs');
    await expectTracedSession(result, 'cjs', 'answer');
  });

  it("@honeyhive/processing as a span processor of the app's own NodeTracerProvider", async () => {
    const result = await runApp(installedProject('app'), 'processing-plugin.mjs', 'plugin');
    expect(result.problems).toEqual([]);
    expect(result.exported).toBe(1);
    await spanArrived(result.sessionId, 'plugin.work');
  });

  it('type-checks under TypeScript module node16 (a CommonJS and an ES module file), strict, lib check on', async () => {
    await typeCheck('node16');
  });

  it('type-checks under TypeScript moduleResolution bundler, strict', async () => {
    await typeCheck('bundler');
  });

  it('an esbuild bundle (platform node, CommonJS) of a traced app runs without node_modules and delivers', async () => {
    const outfile = await bundle('cjs');
    const result = await runApp(path.dirname(outfile), outfile, 'bundle-cjs');
    expect(result.result).toEqual({ query: 'bundle-cjs', hits: 3 });
    await expectTracedSession(result, 'bundle-cjs', 'lookup');
  });

  it('an esbuild bundle (platform node, ESM, with the require banner) of a traced app runs without node_modules and delivers', async () => {
    const outfile = await bundle('esm');
    const result = await runApp(path.dirname(outfile), outfile, 'bundle-esm');
    expect(result.result).toEqual({ query: 'bundle-esm', hits: 3 });
    await expectTracedSession(result, 'bundle-esm', 'lookup');
  });
});

describe('@honeyhive/utils installed alone', () => {
  it('brings no other HoneyHive package and no gRPC', () => {
    const { packages } = smoke.installedPackages(installedProject('utils'));
    const names = packages.map((p: string) => p.slice(0, p.lastIndexOf('@')));
    expect(names.filter((n: string) => n.startsWith('@honeyhive/'))).toEqual(['@honeyhive/utils']);
    expect(names).not.toContain('@grpc/grpc-js');
  });

  it.each(['utils.cjs', 'utils.mjs'])('works from %s', async (file) => {
    const result = await runApp(installedProject('utils'), file, file);
    expect(result).toEqual({
      flattened: { 'honeyhive_outputs.answer': 'hi', 'honeyhive_outputs.usage.0': 1, 'honeyhive_outputs.usage.1': 2 },
      sessionIdValid: true,
      eventType: 'model',
    });
  });
});

describe('@honeyhive/instrumentation installed without the tracer', () => {
  it('does not bring @honeyhive/tracer', () => {
    const { packages } = smoke.installedPackages(installedProject('instrumentation'));
    expect(packages.map((p: string) => p.slice(0, p.lastIndexOf('@')))).not.toContain('@honeyhive/tracer');
  });

  it.each(['instrumentation.cjs', 'instrumentation.mjs'])('traces through the global OpenTelemetry API from %s', async (file) => {
    const result = await runApp(installedProject('instrumentation'), file, file);
    expect(result).toEqual({ sum: 5, traced: true, name: 'add' });
  });
});
