import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

// Exit hooks seen from outside: each scenario runs tests/fixtures/exit-scenario.js on the built package.
const packageDir = join(__dirname, '..');
const fixture = join(__dirname, 'fixtures', 'exit-scenario.js');
// A safety net for a child that hangs (a scenario that works exits in well under a second): generous for a loaded machine.
const CHILD_LIMIT_MS = 30_000;

interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  killedByTest: boolean;
}

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the package with `tsc -b` when dist is missing or older than src (tsc rewrites its build info on every build). */
function ensureBuilt(): void {
  const entry = join(packageDir, 'dist', 'index.js');
  const buildInfo = join(packageDir, 'dist', 'tsconfig.tsbuildinfo');
  const utilsEntry = join(packageDir, '..', 'utils', 'dist', 'index.js');
  const fresh =
    existsSync(entry) &&
    existsSync(utilsEntry) && existsSync(buildInfo) && statSync(buildInfo).mtimeMs >= newestSource(join(packageDir, 'src'));
  if (fresh) return;
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), packageDir], { stdio: 'pipe' });
}

function run(scenario: string, onReady?: (child: ReturnType<typeof spawn>) => void): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [fixture, scenario], { cwd: packageDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killedByTest = false;
    let readySeen = false;
    const limit = setTimeout(() => {
      killedByTest = true;
      child.kill('SIGKILL');
    }, CHILD_LIMIT_MS);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!readySeen && onReady && stdout.includes('ready\n')) {
        readySeen = true;
        onReady(child);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) => {
      clearTimeout(limit);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(limit);
      resolve({ code, signal, stdout, stderr, killedByTest });
    });
  });
}

const exported = (result: ChildResult) =>
  result.stdout
    .split('\n')
    .filter((line) => line.startsWith('exported:'))
    .map((line) => line.slice('exported:'.length))
    .sort();

beforeAll(() => {
  ensureBuilt();
}, 180_000);

// Each scenario may wait up to CHILD_LIMIT_MS for its child.
jest.setTimeout(CHILD_LIMIT_MS + 30_000);

describe('exit hooks in a real process', () => {
  it('exports pending spans on beforeExit, with a single flush', async () => {
    const result = await run('before-exit');
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false, stderr: '' });
    expect(exported(result)).toEqual(['one', 'three', 'two']);
    expect(result.stdout).toContain('exit code=0 flushes=1 state=running');
  });

  it('loses those spans without hooks (the control case)', async () => {
    const result = await run('no-hooks');
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false });
    expect(exported(result)).toEqual([]);
    expect(result.stdout).toContain('flushes=0');
  });

  it('on an opted-in SIGTERM, flushes and shuts down, then dies by SIGTERM', async () => {
    const result = await run('sigterm-opt-in', (child) => child.kill('SIGTERM'));
    expect(result.killedByTest).toBe(false);
    expect(result.stdout).toContain('sigterm-listeners=1');
    expect(result.signal).toBe('SIGTERM');
    expect(result.code).toBeNull();
    expect(exported(result)).toEqual(['one', 'three', 'two']);
  });

  it('installs no SIGTERM handler without opt-in: the process dies by SIGTERM with nothing flushed', async () => {
    const result = await run('sigterm-default', (child) => child.kill('SIGTERM'));
    expect(result.killedByTest).toBe(false);
    expect(result.stdout).toContain('sigterm-listeners=0');
    expect(result.signal).toBe('SIGTERM');
    expect(exported(result)).toEqual([]);
  });

  it('leaves the process to an app that listens for SIGTERM itself, after flushing', async () => {
    const result = await run('sigterm-user-listener', (child) => child.kill('SIGTERM'));
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false });
    expect(result.stdout).toContain('sigterm-listeners=2');
    expect(result.stdout).toContain('user-handler');
    expect(exported(result)).toEqual(['one', 'three', 'two']);
    expect(result.stdout).toMatch(/exit code=0 flushes=\d+ state=running/);
  });

  it('with two copies of the package opted in to SIGTERM, both deliver and the process still dies by SIGTERM', async () => {
    const result = await run('sigterm-two-copies', (child) => child.kill('SIGTERM'));
    expect(result.killedByTest).toBe(false);
    expect(result.stdout).toContain('sigterm-listeners=2');
    expect(result.signal).toBe('SIGTERM');
    expect(exported(result)).toEqual(['five', 'four', 'one', 'six', 'three', 'two']);
  });

  it('with two copies and an app listener for SIGTERM, both flush and the app keeps the process', async () => {
    const result = await run('sigterm-two-copies-user-listener', (child) => child.kill('SIGTERM'));
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false });
    expect(result.stdout).toContain('sigterm-listeners=3');
    expect(result.stdout).toContain('user-handler');
    expect(exported(result)).toEqual(['five', 'four', 'one', 'six', 'three', 'two']);
  });

  it('exits on its own when hooks are installed and nothing is pending', async () => {
    const result = await run('idle');
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false, stderr: '' });
    expect(result.stdout).toContain('exit code=0 flushes=1 state=running');
  });

  it('exits on its own after the exit budget when the exporter never answers', async () => {
    const result = await run('hung-exporter');
    expect(result).toMatchObject({ code: 0, signal: null, killedByTest: false });
    expect(exported(result)).toEqual([]);
    // the exit flush timed out (the budget ran out) and nothing else held the process
    expect(result.stdout).toContain('flushes=1 state=running');
  });
});
