import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractSnippets } from '../src/extract-snippets';
import { snippetModule } from '../src/snippet-module';

const fixture = (name: string): string => readFileSync(join(__dirname, 'fixtures', name), 'utf8');

describe('extractSnippets', () => {
  test('finds ```ts and ```typescript fences with their lines and markers, and nothing else', () => {
    const { snippets, problems } = extractSnippets(fixture('checker-cases.md'), 'checker-cases.md');
    expect(problems).toEqual([]);
    expect(snippets.map((s) => [s.fenceLine, s.codeLine, s.skip])).toEqual([
      [5, 6, undefined],
      [13, 14, undefined],
      [23, 24, undefined],
      [30, 31, undefined],
      [37, 38, 'deliberately broken, and skipped'],
    ]);
    expect(snippets[1]?.code).toBe("const count: number = 'three';");
    expect(snippets[2]?.prelude).toEqual({ code: 'declare function llm(prompt: string): Promise<string>;', line: 20 });
  });

  test('removes a fence’s list-item indentation and reads run markers', () => {
    const markdown = ['- step:', '', '  <!-- snippet: run spans=2 -->', '  ```ts', '  const a = 1;', '    const b = 2;', '  ```'].join('\n');
    const { snippets, problems } = extractSnippets(markdown, 'list.md');
    expect(problems).toEqual([]);
    expect(snippets).toEqual([{ file: 'list.md', fenceLine: 4, codeLine: 5, code: 'const a = 1;\n  const b = 2;', run: { spans: 2 } }]);
  });

  test('reports a skip without reason, an unknown marker, a marker away from its fence and a fence left open', () => {
    const { snippets, problems } = extractSnippets(fixture('marker-problems.md'), 'marker-problems.md');
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [1, expect.stringContaining('skip needs a reason')],
      [7, expect.stringContaining('unknown snippet marker "runn"')],
      [13, 'snippet marker not followed by a ```ts fence'],
      [21, 'code fence never closes'],
    ]);
    expect(snippets.map((s) => s.code)).toEqual(['const a = 1;', 'const b = 2;', 'const c = 3;']);
  });

  test('a fence of four backticks may quote a three-backtick one', () => {
    const markdown = ['````md', '```ts', 'quoted', '```', '````', '```ts', 'const real = 1;', '```'].join('\n');
    expect(extractSnippets(markdown, 'nested.md').snippets.map((s) => s.code)).toEqual(['const real = 1;']);
  });
});

describe('snippetModule', () => {
  test('puts the prelude first and maps every module line back to its Markdown line', () => {
    const module = snippetModule({
      file: 'packages/x/README.md', fenceLine: 10, codeLine: 11, code: 'a();\nb();', prelude: { code: 'declare const a: () => void;\ndeclare const b: () => void;', line: 7 },
    });
    expect(module.name).toBe('packages__x__README-L10');
    expect(module.source.split('\n').slice(0, 5)).toEqual(['declare const a: () => void;', 'declare const b: () => void;', 'a();', 'b();', 'export {};']);
    expect([0, 1, 2, 3, 4].map((line) => module.markdownLine(line))).toEqual([7, 8, 11, 12, 10]);
  });
});
