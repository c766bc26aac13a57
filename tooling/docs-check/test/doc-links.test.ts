import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brokenRelativeLinks, outsideDocumentReferences } from '../src/doc-links';
import { findDocFiles, findSourceFiles } from '../src/find-doc-files';

const root = join(__dirname, '..', '..', '..');
const read = (file: string): string => readFileSync(join(root, file), 'utf8');
const format = (p: { file: string; line: number; message: string }): string => `${p.file}:${p.line} ${p.message}`;

// The repository carries its own docs: links between them resolve, and nothing cites a document kept elsewhere.
test('every relative link of the READMEs and docs/ points at a file of the repository', () => {
  expect(findDocFiles(root).flatMap((file) => brokenRelativeLinks(read(file), file, root)).map(format)).toEqual([]);
});

test('no README, doc or source file cites a document outside the repository', () => {
  const files = [...findDocFiles(root), ...findSourceFiles(root, ['tooling/docs-check'])];
  expect(files.length).toBeGreaterThan(100);
  expect(files.flatMap((file) => outsideDocumentReferences(read(file), file)).map(format)).toEqual([]);
});

describe('the checks themselves', () => {
  test('a link to a missing file is reported with its line; external links, anchors and fenced code are not', () => {
    const markdown = [
      'See [the map](docs/architecture.md), [the web](https://example.com/x.md) and [below](#usage).',
      '```ts',
      'const f = fns[0](args);',
      '```',
      'Gone: [old](docs/OLD.md#top).',
    ].join('\n');
    expect(brokenRelativeLinks(markdown, 'README.md', root).map(format)).toEqual([
      'README.md:5 link to docs/OLD.md#top: no such file in the repository',
    ]);
  });

  test('citations of outside documents are found', () => {
    const text = ['/** The keys of WIRE.md. */', '// see ../../shared/ARCH.md', 'see the repository\'s ARCHITECTURE map', "import { a } from '../shared-sink';"].join('\n');
    expect(outsideDocumentReferences(text, 'x.ts').map((p) => p.line)).toEqual([1, 2, 3]);
  });
});
