// The build's comment step (tooling/scripts/strip-js-comments.mjs, which bundle-dist.mjs runs on each package's
// dist/index.js; bundle-dist.test.ts checks the wiring): JavaScript without comments (Node reads and keeps less),
// the same code, and dist/**/*.d.ts keep their TSDoc for editors.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { listFiles, repoRoot } from './support/workspace';

const run = promisify(execFile);
const strip = join(repoRoot, 'tooling', 'scripts', 'strip-js-comments.mjs');

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'hh-strip-comments-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function write(file: string, text: string): void {
  mkdirSync(dirname(join(dir, file)), { recursive: true });
  writeFileSync(join(dir, file), text);
}

const MODULE = `"use strict";
/** TSDoc of the module: COMMENT_ONE, with non-ASCII ×, … */
Object.defineProperty(exports, "__esModule", { value: true });
exports.values = void 0;
// COMMENT_TWO: a line comment
const url = 'http://example.com/a/*b*/c'; // COMMENT_THREE
const regex = /\\/\\/[^/]*\\/\\*x/g; /* COMMENT_FOUR */
const template = \`//\${url}/* not a comment */\${ /* COMMENT_FIVE */ 1 }\`;
const message = 'rejected (401 Unauthorized) … ×';
/**
 * COMMENT_SIX
 * @returns the values
 */
function values() {
    return { url, regex: regex.source, template, message, division: 10 / 2 / 5 };
}
exports.values = values;
`;

const DECLARATION = `/**
 * The values. COMMENT_SEVEN
 * @returns them
 */
export declare function values(): Record<string, unknown>;
`;

test('removes every comment from dist/**/*.js, keeps the code and leaves .d.ts alone', async () => {
  write('dist/index.js', MODULE);
  write('dist/nested/deep.js', MODULE);
  write('dist/index.d.ts', DECLARATION);
  write('src/index.ts', '// source, not touched: COMMENT_EIGHT\nexport {};\n');
  const before = require(join(dir, 'dist', 'index.js')).values();

  await run(process.execPath, [strip], { cwd: dir });

  for (const file of ['dist/index.js', 'dist/nested/deep.js']) {
    const text = readFileSync(join(dir, file), 'utf8');
    expect(text).not.toMatch(/COMMENT_|@returns/);
    expect(text).toContain("'http://example.com/a/*b*/c'");
    expect(text).toContain("'rejected (401 Unauthorized) … ×'");
    expect(text.startsWith('"use strict";')).toBe(true);
  }
  jest.resetModules();
  const after = require(join(dir, 'dist', 'nested', 'deep.js')).values();
  expect(after).toEqual(before);
  expect(readFileSync(join(dir, 'dist', 'index.d.ts'), 'utf8')).toBe(DECLARATION);
  expect(readFileSync(join(dir, 'src', 'index.ts'), 'utf8')).toContain('COMMENT_EIGHT');
});

test('a second run rewrites nothing', async () => {
  write('dist/index.js', MODULE);
  await run(process.execPath, [strip], { cwd: dir });
  const once = readFileSync(join(dir, 'dist', 'index.js'), 'utf8');
  const mtime = statSync(join(dir, 'dist', 'index.js')).mtimeMs;

  await run(process.execPath, [strip], { cwd: dir });

  expect(readFileSync(join(dir, 'dist', 'index.js'), 'utf8')).toBe(once);
  expect(statSync(join(dir, 'dist', 'index.js')).mtimeMs).toBe(mtime);
});

test('does nothing when there is no dist/ yet', async () => {
  write('src/index.ts', 'export {};\n');
  await expect(run(process.execPath, [strip], { cwd: dir })).resolves.toBeDefined();
  expect(listFiles(join(dir, 'dist'))).toEqual([]);
});
