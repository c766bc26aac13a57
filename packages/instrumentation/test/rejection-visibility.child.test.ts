import { execFile, execFileSync } from 'node:child_process';
import { join } from 'node:path';

// A rejection is exactly as visible to the host with tracing as without: each scenario runs in a child
// process (fixtures/rejection-scenario.js, on the built packages) untraced, through trace(), and through
// core's tracer.startSpan(), and the unhandledRejection / rejectionHandled events it sees must match.

const packageDir = join(__dirname, '..');
const fixture = join(__dirname, 'fixtures', 'rejection-scenario.js');
const CHILD_LIMIT_MS = 20_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(...args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [fixture, ...args], { cwd: packageDir, timeout: CHILD_LIMIT_MS, env: { ...process.env, NODE_OPTIONS: '' } }, (error, stdout, stderr) => {
      const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
      resolve({ code, stdout, stderr });
    });
  });
}

async function seen(mode: string, scenario: string): Promise<unknown> {
  const result = await run(mode, scenario);
  if (result.code !== 0) throw new Error(`${mode} ${scenario} exited ${result.code}: ${result.stderr}`);
  return JSON.parse(result.stdout.trim());
}

beforeAll(() => {
  // the child loads dist/: bring it (and the packages it references) up to date
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), packageDir], { stdio: 'pipe', timeout: 240_000 });
}, 300_000);

const SCENARIOS = ['never', 'awaited', 'after-microtasks', 'after-a-task', 'then-without-handler', 'lazy-never', 'lazy-then-without-handler'];

describe.each(['trace', 'startSpan'])('through %s', (mode) => {
  it.each(SCENARIOS)('%s: the host sees what it sees untraced', async (scenario) => {
    const [untraced, traced] = await Promise.all([seen('plain', scenario), seen(mode, scenario)]);
    expect(traced).toEqual(untraced);
  });

  it('an unhandled rejection still ends the process with that error under the default mode', async () => {
    const [untraced, traced] = await Promise.all([run('plain', 'never', 'crash'), run(mode, 'never', 'crash')]);
    expect(untraced.code).toBe(1);
    expect(traced.code).toBe(untraced.code);
    expect(traced.stderr).toContain('the one error');
  });
});

it('the untraced baseline reports what the scenarios are about', async () => {
  expect(await seen('plain', 'never')).toEqual({ unhandled: 1, unhandledSameError: 1, handled: 0, caught: 0 });
  expect(await seen('plain', 'awaited')).toEqual({ unhandled: 0, unhandledSameError: 0, handled: 0, caught: 1 });
  expect(await seen('plain', 'after-a-task')).toEqual({ unhandled: 1, unhandledSameError: 1, handled: 1, caught: 1 });
});
