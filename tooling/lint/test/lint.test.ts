// ESLint (eslint.config.mjs) and knip (knip.ts) over the whole repository, as `pnpm lint` and `pnpm knip` run them,
// each in its own child process, both started at once. A finding fails the test with the tool's own report.
import { spawn } from 'node:child_process';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const ESLINT = path.join(ROOT, 'node_modules', 'eslint', 'bin', 'eslint.js');
const KNIP = path.join(ROOT, 'node_modules', 'knip', 'bin', 'knip.js');
// A safety net for a hung tool only: on a loaded 2-core machine both finish in well under a minute.
const TOOL_TIMEOUT_MS = 300_000;

interface ToolRun {
  /** The exit code; null when the tool could not start or was killed. */
  exitCode: number | null;
  /** stdout and stderr, interleaved as written. */
  report: string;
}

function runTool(script: string, args: readonly string[], input?: string): Promise<ToolRun> {
  return new Promise((resolve) => {
    // jest's NODE_OPTIONS (--experimental-vm-modules) are not for the tools
    const { NODE_OPTIONS: _jestOptions, ...inherited } = process.env;
    const env = { ...inherited, FORCE_COLOR: '0', NO_COLOR: '1' };
    const child = spawn(process.execPath, [script, ...args], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
    let report = '';
    child.stdout.on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.on('error', (error) => resolve({ exitCode: null, report: `${report}\n${error.stack ?? String(error)}` }));
    child.on('close', (exitCode) => resolve({ exitCode, report }));
    child.stdin.end(input ?? '');
  });
}

const eslint = runTool(ESLINT, ['--max-warnings=0', '.']);
const knip = runTool(KNIP, ['--no-progress']);

describe('the repository', () => {
  it(
    'has no ESLint finding',
    async () => {
      const run = await eslint;
      expect({ exitCode: run.exitCode, report: run.report.trim() }).toEqual({ exitCode: 0, report: '' });
    },
    TOOL_TIMEOUT_MS,
  );

  it(
    'has no unused file, export or dependency (knip)',
    async () => {
      const run = await knip;
      expect({ exitCode: run.exitCode, report: run.exitCode === 0 ? '' : run.report.trim() }).toEqual({
        exitCode: 0,
        report: '',
      });
    },
    TOOL_TIMEOUT_MS,
  );
});

describe('the ESLint configuration', () => {
  it(
    "reports a floating promise, `export *` and a type-only value import in a package's source",
    async () => {
      // Linted as if it were packages/utils/src/index.ts (typed, through packages/utils/tsconfig.json); the file on
      // disk is not touched.
      const source = [
        "import { Logger } from './logger';",
        'export function log(logger: Logger): void {',
        '  Promise.resolve(logger);',
        '}',
        "export * from './logger';",
        '',
      ].join('\n');
      const run = await runTool(ESLINT, ['--format=json', '--stdin', '--stdin-filename=packages/utils/src/index.ts'], source);
      const [result] = JSON.parse(run.report) as Array<{ messages: Array<{ ruleId: string | null; line: number }> }>;
      expect(result.messages.map((m) => `${m.line} ${m.ruleId}`)).toEqual([
        '1 @typescript-eslint/consistent-type-imports',
        '3 @typescript-eslint/no-floating-promises',
        '5 no-restricted-syntax',
      ]);
      expect(run.exitCode).toBe(1);
    },
    TOOL_TIMEOUT_MS,
  );
});
