import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { extractSnippets } from '../src/extract-snippets';
import { findDocFiles } from '../src/find-doc-files';
import { runSnippet } from '../src/run-snippet';
import { formatDiagnostic, typeCheckSnippets } from '../src/type-check-snippets';
import type { Snippet } from '../src/snippet-types';

// Every ```ts snippet of every README and docs/*.md, type-checked in strict mode against the built packages
// (turbo builds them before this test), and the ones marked `<!-- snippet: run -->` run against the local backend.
const root = join(__dirname, '..', '..', '..');
const workDir = join(__dirname, '..', '.snippets');
const files = findDocFiles(root);
const extracted = files.map((file) => extractSnippets(readFileSync(join(root, file), 'utf8'), file));
const snippets: Snippet[] = extracted.flatMap((result) => result.snippets);
const runnable = snippets.filter((snippet) => snippet.run && snippet.skip === undefined);
const where = (snippet: Snippet): string => `${snippet.file}:${snippet.fenceLine}`;

test('the docs are found, and their snippet markers and fences are well formed', () => {
  expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/architecture.md', 'packages/tracer/README.md']));
  expect(extracted.flatMap((result) => result.problems).map((p) => `${p.file}:${p.line} ${p.message}`)).toEqual([]);
  expect(snippets.filter((snippet) => snippet.file === 'README.md').length).toBeGreaterThan(0);
  expect(snippets.filter((snippet) => snippet.file === 'packages/tracer/README.md').length).toBeGreaterThan(0);
});

test('every snippet type-checks in strict mode against the built packages', () => {
  const checked = snippets.filter((snippet) => snippet.skip === undefined);
  // Skipping is the exception: a snippet that cannot be checked must say why, and most must be checked.
  expect(checked.length).toBeGreaterThan(snippets.length * 0.8);
  const diagnostics = typeCheckSnippets(snippets, join(workDir, 'check')).map(formatDiagnostic);
  expect(diagnostics).toEqual([]);
});

describe('snippets marked run', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend();
  });
  afterAll(async () => {
    await backend?.stop();
  });

  test('there are some', () => {
    expect(runnable.length).toBeGreaterThan(0);
  });

  test.each(runnable.map((snippet) => [where(snippet), snippet] as const))('%s runs to completion', async (_, snippet) => {
    await backend.reset();
    const run = await runSnippet(snippet, join(workDir, 'run'), snippetEnvironment(backend));
    const output = `stdout:\n${run.stdout}\nstderr:\n${run.stderr}`;
    expect({ exitCode: run.exitCode, timedOut: run.timedOut, output }).toEqual({ exitCode: 0, timedOut: false, output });
    if (snippet.run?.spans !== undefined) {
      // The process has exited, so whatever it delivered was received: no waiting needed.
      expect(backend.spans().map((span) => span.name)).toHaveLength(snippet.run.spans);
    }
  });
});

/**
 * The environment a snippet runs in: none of ours or the test runner's settings, the local backend as HoneyHive,
 * and generous budgets (seconds) so that a loaded machine delays delivery at exit instead of losing spans.
 */
function snippetEnvironment(backend: LocalBackend): NodeJS.ProcessEnv {
  const inherited = Object.entries(process.env).filter(([name]) => !/^(HH_|OTEL_|NODE_OPTIONS$|JEST_)/.test(name));
  return {
    ...Object.fromEntries(inherited),
    HH_API_KEY: 'docs-check-key',
    HH_API_URL: backend.httpUrl,
    HH_OTLP_ENDPOINT: backend.otlpHttpUrl,
    HH_EXIT_TIMEOUT: '30',
    HH_API_TIMEOUT: '30',
  };
}
