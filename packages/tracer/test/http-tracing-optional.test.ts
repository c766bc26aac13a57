// HTTP tracing is opt-in: `@opentelemetry/instrumentation-http` is an optional peer dependency. Turning HTTP tracing
// on (`disableHttpTracing: false`, `HH_DISABLE_HTTP_TRACING=false`) in an app that did not install it must say once,
// at start, which option needs which package and how to add it (with `strict: true` the constructor throws that),
// leave the user's calls and requests alone, export every other span, and never load anything of it; another load
// error (a broken install) must be reported as it is, not as "not installed". With it, requests are traced.
// Runs fixtures/http-tracing-missing.js on the built tracer; processing's test/fixtures/hide-module.js makes one
// module unresolvable there, as in an app that did not install it.
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';

const API_KEY = 'hh-http-tracing-optional-key';
const SCRIPT = path.join(__dirname, 'fixtures', 'http-tracing-missing.js');
const HIDE = path.resolve(__dirname, '..', '..', 'processing', 'test', 'fixtures', 'hide-module.js');
const PACKAGE = '@opentelemetry/instrumentation-http';
const INSTALL_LINE = 'npm install @opentelemetry/instrumentation-http@^0.223.0';
const CALLS = ['call-0', 'call-1', 'call-2', 'call-3', 'call-4'];

let backend: LocalBackend;
let target: Server;
let targetUrl: string;
let requestsSeen = 0;

beforeAll(() => {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), path.resolve(__dirname, '..')], { stdio: 'pipe', timeout: 240_000 });
}, 300_000);
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
  target = createServer((_req, res) => {
    requestsSeen += 1;
    res.end('pong');
  });
  await new Promise<void>((resolve) => target.listen(0, '127.0.0.1', resolve));
  targetUrl = `http://127.0.0.1:${(target.address() as AddressInfo).port}/ping`;
});
beforeEach(async () => {
  await backend.reset();
  requestsSeen = 0;
});
afterAll(async () => {
  await new Promise((resolve) => target?.close(resolve));
  await backend?.stop();
});

interface Run {
  lines: string[];
  result: Record<string, unknown> & { stats?: Record<string, unknown>; outcomes?: unknown[] };
}

function runChild(env: Record<string, string>, hiddenModule?: string): Promise<Run> {
  const childEnv = { PATH: process.env.PATH, HH_API_KEY: API_KEY, HH_API_URL: backend.httpUrl, TARGET_URL: targetUrl, ...(hiddenModule ? { HIDE_MODULE: hiddenModule } : {}), ...env };
  const args = hiddenModule ? ['--require', HIDE, SCRIPT] : [SCRIPT];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { env: childEnv, timeout: 60_000 }, (error, stdout, stderr) => {
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

const warningsOf = (lines: string[]) => lines.filter((line) => line.startsWith('LOG warn') || line.startsWith('LOG error'));

function expectOneLineAndSpansExported({ lines, result }: Run, named: string): void {
  // one line in all, naming the option (or its variable) and the install command
  const warnings = warningsOf(lines);
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toContain(named);
  expect(warnings[0]).toContain(INSTALL_LINE);
  expect(result.outcomes).toEqual(userOutcomes);
  expect(result.response).toBe('pong');
  expect(requestsSeen).toBe(1);
  // every span of the user's code is exported; only the HTTP request is not traced
  expect(result.flushed).toBe(true);
  expect(result.shutDown).toBe(true);
  expect(result.stats).toMatchObject({ ended: 5, exported: 5, failed: 0, queued: 0, inFlight: 0, mode: 'active', configProblems: 1 });
  expect(result.httpInstrumentationLoaded).toBe(false);
  expect(backend.spans().map((span) => span.name).sort()).toEqual(CALLS);
}

describe(`HTTP tracing on without ${PACKAGE} installed`, () => {
  it('disableHttpTracing: false: one line naming the option and the package, every other span exported', async () => {
    expectOneLineAndSpansExported(await runChild({ DISABLE_OPTION: 'false' }, PACKAGE), 'disableHttpTracing');
  });

  it('HH_DISABLE_HTTP_TRACING=false: the same, naming the variable', async () => {
    expectOneLineAndSpansExported(await runChild({ HH_DISABLE_HTTP_TRACING: 'false' }, PACKAGE), 'HH_DISABLE_HTTP_TRACING');
  });

  it('with strict: true the constructor throws the configuration error naming the package', async () => {
    const { result } = await runChild({ DISABLE_OPTION: 'false', STRICT: '1' }, PACKAGE);
    expect(String(result.constructorThrew)).toContain('HoneyHiveConfigError');
    expect(String(result.constructorThrew)).toContain('disableHttpTracing');
    expect(String(result.constructorThrew)).toContain(INSTALL_LINE);
  });

  it('HTTP tracing off (the default): nothing said, nothing loaded', async () => {
    const { lines, result } = await runChild({}, PACKAGE);
    expect(warningsOf(lines)).toEqual([]);
    expect(result.stats).toMatchObject({ ended: 5, exported: 5, failed: 0, configProblems: 0 });
    expect(result.httpInstrumentationLoaded).toBe(false);
  });
});

describe(`HTTP tracing on with a broken ${PACKAGE} install`, () => {
  it('reports the load error as it is, not as a missing package, and exports every other span', async () => {
    // the package resolves, but a module it needs does not: a broken install, not a missing package
    const { lines, result } = await runChild({ DISABLE_OPTION: 'false' }, '@opentelemetry/instrumentation');
    const warnings = warningsOf(lines);
    expect(warnings.some((line) => line.includes("Cannot find module '@opentelemetry/instrumentation'"))).toBe(true);
    expect(lines.some((line) => line.includes(INSTALL_LINE))).toBe(false);
    expect(result.outcomes).toEqual(userOutcomes);
    expect(result.response).toBe('pong');
    expect(result.stats).toMatchObject({ ended: 5, exported: 5, failed: 0, configProblems: 0 });
    expect(backend.spans().map((span) => span.name).sort()).toEqual(CALLS);
  });
});

describe(`HTTP tracing on with ${PACKAGE} installed`, () => {
  it('traces the request, says nothing, and exports it with the other spans', async () => {
    const { lines, result } = await runChild({ DISABLE_OPTION: 'false' });
    expect(warningsOf(lines)).toEqual([]);
    expect(result.outcomes).toEqual(userOutcomes);
    expect(result.response).toBe('pong');
    expect(result.httpInstrumentationLoaded).toBe(true);
    expect(result.stats).toMatchObject({ ended: 6, exported: 6, failed: 0, configProblems: 0 });
    const names = backend.spans().map((span) => span.name);
    expect(names.filter((name) => name.startsWith('call-')).sort()).toEqual(CALLS);
    expect(names.filter((name) => !name.startsWith('call-'))).toEqual(['GET']);
  });
});

describe('the published manifests', () => {
  it('no package installs HTTP tracing by default: instrumentation-http is an optional peer of integration only', () => {
    const packagesDir = path.resolve(__dirname, '..', '..');
    for (const name of readdirSync(packagesDir)) {
      const file = path.join(packagesDir, name, 'package.json');
      if (!existsSync(file)) continue;
      const manifest = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown> | undefined>;
      for (const field of ['dependencies', 'optionalDependencies']) {
        const found = Object.keys(manifest[field] ?? {}).filter((dep) => dep.startsWith('@opentelemetry/instrumentation'));
        expect({ name, field, found }).toEqual({ name, field, found: [] });
      }
    }
    const integration = JSON.parse(readFileSync(path.join(packagesDir, 'integration', 'package.json'), 'utf8')) as Record<string, Record<string, unknown>>;
    expect(integration.peerDependencies?.[PACKAGE]).toBe('^0.223.0');
    expect(integration.peerDependenciesMeta?.[PACKAGE]).toEqual({ optional: true });
  });
});
