// The repository's test command: builds and tests every workspace package through turbo, then
// sums each package's jest JSON report into the closing line `N passed, N failed` that CI reads.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, relative } from 'node:path';

const root = new URL('../..', import.meta.url).pathname;
const reportDirs = ['packages', 'tooling', 'examples', 'bench']
  .map((group) => join(root, group))
  .filter((dir) => existsSync(dir))
  .flatMap((dir) =>
    existsSync(join(dir, 'package.json'))
      ? [dir]
      : readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => join(dir, e.name)),
  );
const reports = reportDirs.map((dir) => join(dir, '.jest-result.json'));
for (const report of reports) rmSync(report, { force: true });

// Two tasks per core (4 on a 2-core CI machine) instead of turbo's default 10: the run takes as long (the build chain
// up to the reliability suite sets its length) and each test shares the CPU with fewer others; one task per core
// made it much longer. `--concurrency=N` on the command line wins.
const args = process.argv.slice(2);
const concurrency = args.some((arg) => arg.startsWith('--concurrency')) ? [] : [`--concurrency=${2 * availableParallelism()}`];
const turbo = spawnSync('turbo', ['run', 'test', '--continue', ...concurrency, ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1' },
});

let passed = 0;
let failed = 0;
let skipped = 0;
const rows = [];
const failures = [];
const firstLine = (text) => String(text ?? '').split('\n').map((l) => l.trim()).find((l) => l !== '')?.slice(0, 240) ?? '';
for (const report of reports.filter((file) => existsSync(file))) {
  const result = JSON.parse(readFileSync(report, 'utf8'));
  // A suite that cannot even load (syntax error, missing module) has no failed test but must count.
  const brokenSuites = result.numRuntimeErrorTestSuites ?? 0;
  passed += result.numPassedTests;
  failed += result.numFailedTests + brokenSuites;
  skipped += result.numPendingTests + (result.numTodoTests ?? 0);
  for (const suite of result.testResults ?? []) {
    const file = relative(root, suite.name ?? '');
    if (suite.status === 'failed' && (suite.assertionResults ?? []).every((t) => t.status !== 'failed')) {
      failures.push(`  ${file}: ${firstLine(suite.message ?? 'suite failed')}`);
    }
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'failed') failures.push(`  ${file} › ${test.fullName}\n      ${firstLine(test.failureMessages?.[0])}`);
    }
  }
  rows.push(`  ${relative(root, report).replace('/.jest-result.json', '').padEnd(32)} ${result.numPassedTests} passed, ${result.numFailedTests + brokenSuites} failed`);
}
console.log('\nTest results by package:');
console.log(rows.join('\n'));
// Named again at the end: CI shows only the tail of a long log.
if (failures.length > 0) console.log(`\nFailed:\n${failures.join('\n')}`);
if (turbo.status !== 0 && failed === 0) failed = 1; // a build or task failure with no jest report still fails the run
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exitCode = failed === 0 && turbo.status === 0 ? 0 : 1;
