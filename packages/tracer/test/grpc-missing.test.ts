// `otlpProtocol: 'grpc'` in an app that did not install the optional `@grpc/grpc-js`: one line at start naming the
// package to add (not one per export), every span counted as failed, stats() saying a configuration problem was
// found, the user's calls unaffected, grpc-js never loaded. Runs fixtures/grpc-missing.js on the built tracer
// with processing's test/fixtures/hide-module.js preloaded (it makes `@grpc/grpc-js` unresolvable, as when it is
// not installed).
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';

const API_KEY = 'hh-grpc-missing-key';
const SCRIPT = path.join(__dirname, 'fixtures', 'grpc-missing.js');
const HIDE = path.resolve(__dirname, '..', '..', 'processing', 'test', 'fixtures', 'hide-module.js');
const INSTALL_LINE = 'npm install @grpc/grpc-js';

let backend: LocalBackend;

beforeAll(() => {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), path.resolve(__dirname, '..')], { stdio: 'pipe', timeout: 240_000 });
}, 300_000);
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend?.stop());

interface Run {
  lines: string[];
  result: Record<string, unknown> & { stats?: Record<string, unknown>; outcomes?: unknown[] };
}

function runChild(env: Record<string, string>): Promise<Run> {
  const childEnv = { PATH: process.env.PATH, HH_API_KEY: API_KEY, HH_API_URL: backend.httpUrl, GRPC_URL: backend.grpcUrl, HIDE_MODULE: '@grpc/grpc-js', ...env };
  return new Promise((resolve, reject) => {
    execFile(process.execPath, ['--require', HIDE, SCRIPT], { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}\n${stdout}`));
      const lines = stdout.split('\n').filter((line) => line !== '');
      const last = lines.find((line) => line.startsWith('RESULT '));
      if (last === undefined) return reject(new Error(`no RESULT line\n${stdout}\n${stderr}`));
      resolve({ lines: lines.filter((line) => line.startsWith('LOG ')), result: JSON.parse(last.slice('RESULT '.length)) as Run['result'] });
    });
  });
}

const userOutcomes = [
  { returned: { doubled: 0 } },
  { returned: { doubled: 2 } },
  { returned: { doubled: 4 } },
  { returned: { doubled: 6 } },
  { threw: 'RangeError: user error 4' },
];

function expectOneLineAndFailedSpans({ lines, result }: Run, variable?: string): void {
  // one warning in all (the session start succeeds against the local backend), and it names the package to add
  const warnings = lines.filter((line) => line.startsWith('LOG warn') || line.startsWith('LOG error'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(INSTALL_LINE);
  if (variable !== undefined) expect(warnings[0]).toContain(variable);
  expect(result.outcomes).toEqual(userOutcomes);
  // flush() is false: the spans it waited for were not delivered, and stats() says how many and that config is why
  expect(result.flushed).toBe(false);
  expect(result.shutDown).toBe(true);
  expect(result.stats).toMatchObject({ ended: 5, exported: 0, failed: 5, queued: 0, inFlight: 0, mode: 'active', configProblems: 1 });
  expect(result.stats?.errors).toEqual({});
  expect(result.grpcLoaded).toBe(false);
}

it('otlpProtocol grpc without @grpc/grpc-js: one line naming the package, spans counted as failed, user code unaffected', async () => {
  const run = await runChild({ PROTOCOL_OPTION: 'grpc' });
  expectOneLineAndFailedSpans(run);
  expect(backend.spans()).toHaveLength(0);
});

it('HH_OTLP_PROTOCOL=grpc without @grpc/grpc-js: the same, naming the variable', async () => {
  const run = await runChild({ HH_OTLP_PROTOCOL: 'grpc' });
  expectOneLineAndFailedSpans(run, 'HH_OTLP_PROTOCOL');
});

it('with strict: true the constructor throws the configuration error naming the package', async () => {
  const { result } = await runChild({ PROTOCOL_OPTION: 'grpc', STRICT: '1' });
  expect(String(result.constructorThrew)).toContain('HoneyHiveConfigError');
  expect(String(result.constructorThrew)).toContain(INSTALL_LINE);
});
