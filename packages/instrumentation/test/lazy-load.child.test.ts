import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

// `@opentelemetry/instrumentation` (with require-in-the-middle, import-in-the-middle and the logs API, about 35
// modules) is loaded only when instrumentations are registered, not by importing this package: every app that
// imports the tracer loads this package. Each case runs fixtures/loaded-modules.js on the built package.

const packageDir = join(__dirname, '..');
const fixture = join(__dirname, 'fixtures', 'loaded-modules.js');
const CHILD_LIMIT_MS = 30_000;

function run(...args: string[]): Promise<{ afterImport: boolean; afterRegister?: boolean }> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [fixture, ...args], { cwd: packageDir, timeout: CHILD_LIMIT_MS, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      if (error) return reject(new Error(`child failed: ${error.message}\n${stderr}`));
      resolve(JSON.parse(stdout.trim()));
    });
  });
}

beforeAll(() => {
  // the child loads dist/: bring it (and the packages it references) up to date
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-b', packageDir], { stdio: 'pipe', timeout: 240_000 });
}, 300_000);

describe('@opentelemetry/instrumentation', () => {
  it('is not loaded by importing the package', async () => {
    expect(await run()).toEqual({ afterImport: false });
  });

  it('is loaded when instrumentations are registered', async () => {
    expect(await run('register')).toEqual({ afterImport: false, afterRegister: true });
  });
});
