import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import type { MarkdownProblem } from './snippet-types';

const LINK = /\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const FENCE = /^\s*(`{3,}|~{3,})/;
const EXTERNAL = /^([a-z][a-z0-9+.-]*:|#)/i;

/**
 * The relative links of a Markdown file (`[text](../../docs/architecture.md)`, outside code fences) whose target
 * does not exist in the repository. `file` is relative to `root`; anchors are not checked, external links neither.
 */
export function brokenRelativeLinks(markdown: string, file: string, root: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  let fence: string | undefined;
  markdown.split(/\r?\n/).forEach((text, index) => {
    const marks = FENCE.exec(text)?.[1];
    if (marks && (fence === undefined || (marks[0] === fence[0] && marks.length >= fence.length))) {
      fence = fence === undefined ? marks : undefined;
      return;
    }
    if (fence !== undefined) return;
    for (const [, target = ''] of text.matchAll(LINK)) {
      if (EXTERNAL.test(target)) continue;
      const path = decodeURIComponent(target.split('#')[0] ?? '');
      if (path === '') continue;
      const resolved = normalize(join(dirname(join(root, file)), path));
      if (!resolved.startsWith(normalize(root)) || !existsSync(resolved)) {
        problems.push({ file, line: index + 1, message: `link to ${target}: no such file in the repository` });
      }
    }
  });
  return problems;
}

/** Names of documents that live outside the repository; the repository carries its own in `docs/`. */
const OUTSIDE_DOCUMENTS = /\b(?:WIRE|ARCHITECTURE|TOOLCHAIN)\.md\b|\bARCHITECTURE map\b|(?:\.\.\/)+shared\//;

/** The lines of `text` that cite a document outside the repository (`WIRE.md`, `../shared/…`). */
export function outsideDocumentReferences(text: string, file: string): MarkdownProblem[] {
  const problems: MarkdownProblem[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const found = OUTSIDE_DOCUMENTS.exec(line);
    if (found) problems.push({ file, line: index + 1, message: `cites "${found[0]}", which is not in the repository (see docs/)` });
  });
  return problems;
}
