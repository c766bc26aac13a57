import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSnippets } from '../src/extract-snippets';
import { formatDiagnostic, typeCheckSnippets } from '../src/type-check-snippets';
import type { SnippetDiagnostic } from '../src/snippet-types';

// The checker itself: a snippet with a type error must fail, at its Markdown line, against the real built types.
// Both fixtures go through one program, as the repository's snippets do.
const fixtures = ['checker-cases.md', 'unresolved-imports.md'];
let diagnostics: SnippetDiagnostic[];
beforeAll(() => {
  const snippets = fixtures.flatMap((name) =>
    extractSnippets(readFileSync(join(__dirname, 'fixtures', name), 'utf8'), `test/fixtures/${name}`).snippets,
  );
  diagnostics = typeCheckSnippets(snippets, join(__dirname, '..', '.snippets', 'checker'));
});
const of = (name: string): SnippetDiagnostic[] => diagnostics.filter((d) => d.file === `test/fixtures/${name}`);

test('reports each type error at the Markdown line of its snippet, and nothing for good or skipped snippets', () => {
  expect(of('checker-cases.md').map((d) => [d.line, d.code])).toEqual([
    [14, 2322], // 'three' is not a number
    [25, 2322], // after a one-line prelude: number is not a string
    [32, 2322], // project: 42, judged by the built @honeyhive/tracer's types
  ]);
  expect(formatDiagnostic(of('checker-cases.md')[0]!)).toBe(
    "test/fixtures/checker-cases.md:14:7 TS2322: Type 'string' is not assignable to type 'number'.",
  );
});

test('an import the package does not export fails (the packages are resolved, not typed as any)', () => {
  expect(of('unresolved-imports.md').map((d) => [d.line, d.message])).toEqual([
    [5, expect.stringContaining("has no exported member 'noSuchExport'")], // TS2305, or TS2614 for CommonJS types
    [6, expect.stringContaining("Cannot find module '@honeyhive/not-a-package'")],
  ]);
});

test('nothing else is reported', () => {
  expect(diagnostics.filter((d) => !fixtures.some((name) => d.file === `test/fixtures/${name}`)).map(formatDiagnostic)).toEqual([]);
});
