// Two copies of the BUILT @honeyhive/core in one real process, each loaded from its own directory (a plugin that
// brings its own copy, a bundle that inlines core while the app loads it from node_modules). The app's tracer
// must be found through the plugin's copy when the versions are compatible: getDefaultTracer(), findTracer()
// inside withSession, and the span started with what was found reaches the backend in that session. An
// incompatible copy (another major version) keeps its own registry, and says so only in verbose mode.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';

const API_KEY = 'hh-two-copies-key';
const PACKAGE_DIR = path.resolve(__dirname, '..');
const FIXTURE = path.join(__dirname, 'fixtures', 'two-copies.js');
const BUILT_VERSION = (require('../package.json') as { version: string }).version;
// A safety net for a child that hangs; a run that works takes about a second.
const CHILD_LIMIT_MS = 60_000;

let backend: LocalBackend;
let root: string;
/** The built package, copied once: the copies below are made from it. */
let built: string;

function build(): void {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), PACKAGE_DIR], { stdio: 'pipe', timeout: 180_000 });
}

/** Copies dist/ aside, building again when a file vanished under the copy (a rebuild running at the same time). */
function snapshotDist(target: string): void {
  for (let attempt = 1; ; attempt += 1) {
    try {
      rmSync(target, { recursive: true, force: true });
      cpSync(path.join(PACKAGE_DIR, 'dist'), target, { recursive: true, filter: (source) => !source.endsWith('.tsbuildinfo') });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || attempt === 3) throw error;
      build();
    }
  }
}

/** A copy of the built package at `version`, in its own directory; the lower packages resolve as in the repo. */
function copyOfCore(name: string, version: string): string {
  const dir = path.join(root, name, 'node_modules', '@honeyhive', 'core');
  mkdirSync(dir, { recursive: true });
  cpSync(built, path.join(dir, 'dist'), { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@honeyhive/core', version, main: './dist/index.js' }));
  // The build compiles the version in (from package.json, into the one-file dist/index.js): give the copy its own.
  const entry = path.join(dir, 'dist', 'index.js');
  const code = readFileSync(entry, 'utf8');
  const compiled = /\bPACKAGE_VERSION = "[^"]*";/;
  if (!compiled.test(code)) throw new Error(`${entry}: no PACKAGE_VERSION to give the copy version ${version}`);
  writeFileSync(entry, code.replace(compiled, `PACKAGE_VERSION = ${JSON.stringify(version)};`));
  return dir;
}

interface ChildRun {
  result: {
    distinctCopies: boolean;
    versions: { app: string; plugin: string };
    defaultIsAppTracer: boolean;
    pluginRegistered: number;
    sessionId: string;
    foundIsAppTracer: boolean;
    flushed: boolean;
    shutDown: boolean;
    stats: { exported: number; started: number };
  };
  output: string;
}

function runChild(appCore: string, pluginCore: string, verbose: boolean): Promise<ChildRun> {
  const env = {
    PATH: process.env.PATH,
    HH_API_KEY: API_KEY,
    HH_API_URL: backend.httpUrl,
    TWO_COPIES_VERBOSE: verbose ? '1' : '0',
  };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [FIXTURE, appCore, pluginCore], { env, timeout: CHILD_LIMIT_MS }, (error, stdout, stderr) => {
      const output = `${stdout}\n${stderr}`;
      if (error) return reject(new Error(`child failed: ${error.message}\n${output}`));
      const line = stdout.split('\n').find((text) => text.startsWith('RESULT '));
      if (line === undefined) return reject(new Error(`no RESULT line\n${output}`));
      resolve({ result: JSON.parse(line.slice('RESULT '.length)) as ChildRun['result'], output });
    });
  });
}

beforeAll(() => {
  build();
  root = mkdtempSync(path.join(tmpdir(), 'hh-two-cores-'));
  built = path.join(root, 'built');
  snapshotDist(built);
  // the lower packages (@honeyhive/utils, …) and OpenTelemetry resolve from the repo, as for the package itself
  symlinkSync(path.join(PACKAGE_DIR, 'node_modules'), path.join(root, 'node_modules'), 'dir');
}, 240_000);
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(async () => {
  await backend?.stop();
  if (root !== undefined) rmSync(root, { recursive: true, force: true });
});

jest.setTimeout(CHILD_LIMIT_MS + 30_000);

it('a compatible copy finds the app tracer: getDefaultTracer(), findTracer() in withSession, spans in the session', async () => {
  await backend.reset();
  const appCore = copyOfCore('app', BUILT_VERSION);
  const pluginCore = copyOfCore('plugin', BUILT_VERSION.replace(/^(\d+)\.(\d+)\.(\d+)/, (_all, major, minor, patch) => `${major}.${minor}.${Number(patch) + 1}`));
  const { result, output } = await runChild(appCore, pluginCore, true);
  expect(result.distinctCopies).toBe(true);
  expect(result.versions.app).toBe(BUILT_VERSION);
  expect(result.versions.plugin).not.toBe(BUILT_VERSION);
  expect(result.defaultIsAppTracer).toBe(true);
  expect(result.pluginRegistered).toBe(1);
  expect(result.foundIsAppTracer).toBe(true);
  expect(result.flushed && result.shutDown).toBe(true);
  const spans = await backend.waitForSpans(1);
  const work = spans.find((span) => span.name === 'plugin-work');
  expect(work?.attributes['honeyhive.session_id']).toBe(result.sessionId);
  expect(result.stats.exported).toBe(1);
  // compatible copies have nothing to say about each other, even in verbose mode
  expect(output).not.toMatch(/tracer registry/);
});

it('an incompatible copy (another major) keeps its own registry, silent by default', async () => {
  await backend.reset();
  const appCore = copyOfCore('app-quiet', BUILT_VERSION);
  const pluginCore = copyOfCore('plugin-next-major', '99.0.0');
  const { result, output } = await runChild(appCore, pluginCore, false);
  expect(result.distinctCopies).toBe(true);
  expect(result.versions).toEqual({ app: BUILT_VERSION, plugin: '99.0.0' });
  expect(result.defaultIsAppTracer).toBe(false);
  expect(result.pluginRegistered).toBe(0);
  expect(result.foundIsAppTracer).toBe(false);
  expect(result.stats.started).toBe(0);
  expect(output).not.toMatch(/tracer registry/);
});

it('in verbose mode, an incompatible copy is named once, with both versions and the fix', async () => {
  await backend.reset();
  const appCore = copyOfCore('app-verbose', BUILT_VERSION);
  const pluginCore = copyOfCore('plugin-next-major-verbose', '99.0.0');
  const { result, output } = await runChild(appCore, pluginCore, true);
  expect(result.foundIsAppTracer).toBe(false);
  const lines = output.split('\n').filter((line) => line.includes('tracer registry'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain(`@honeyhive/core ${BUILT_VERSION} keeps a tracer registry apart from @honeyhive/core 99.0.0`);
  expect(lines[0]).toContain('npm ls @honeyhive/core');
});
