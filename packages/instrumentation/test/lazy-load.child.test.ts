import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

// `@opentelemetry/instrumentation` (with require-in-the-middle, import-in-the-middle and the logs API, about 35
// modules) is not needed by this package: registerInstrumentors binds and enables instrumentations itself, so
// importing the package, and registering, load none of it, and an app without it installed registers just the
// same (instrumentations bring their own copy). Each case runs fixtures/loaded-modules.js on the built package;
// processing's test/fixtures/hide-module.js makes the package unresolvable there, as when it is not installed.

const packageDir = join(__dirname, '..');
const fixture = join(__dirname, 'fixtures', 'loaded-modules.js');
const HIDE = join(__dirname, '..', '..', 'processing', 'test', 'fixtures', 'hide-module.js');
const CHILD_LIMIT_MS = 30_000;

interface Result {
  afterImport: boolean;
  afterRegister?: boolean;
  returned?: string;
  unpatched?: boolean;
  calls?: string[];
  spans?: string[];
}

function run(args: string[], hiddenModule?: string): Promise<Result> {
  const env = { ...process.env, NODE_OPTIONS: '', ...(hiddenModule ? { HIDE_MODULE: hiddenModule } : {}) };
  const nodeArgs = hiddenModule ? ['--require', HIDE, fixture, ...args] : [fixture, ...args];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, nodeArgs, { cwd: packageDir, timeout: CHILD_LIMIT_MS, env }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim()) as Result);
    });
  });
}

const REGISTERED = {
  afterImport: false,
  afterRegister: false,
  returned: 'hello ada',
  unpatched: true,
  // what OpenTelemetry's registerInstrumentations does: tracer provider, global meter provider, enable (it was
  // created disabled); unregistering disables it
  calls: ['setTracerProvider', 'setMeterProvider', 'enable', 'disable'],
  spans: ['greet'],
};

beforeAll(() => {
  // the child loads dist/: bring it (and the packages it references) up to date
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), packageDir], { stdio: 'pipe', timeout: 240_000 });
}, 300_000);

describe('@opentelemetry/instrumentation', () => {
  it('is not loaded by importing the package', async () => {
    expect(await run([])).toEqual({ afterImport: false });
  });

  it('is not loaded when instrumentations are registered either', async () => {
    expect(await run(['register'])).toEqual(REGISTERED);
  });

  it('need not be installed: registration works the same without it', async () => {
    expect(await run(['register'], '@opentelemetry/instrumentation')).toEqual(REGISTERED);
  });
});
