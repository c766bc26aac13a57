import { applyMarker, type MarkerComment, type SnippetMarkers } from './snippet-markers';
import type { MarkdownProblem, Snippet } from './snippet-types';

const FENCE_OPEN = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)/;
const MARKER_OPEN = /^\s*<!--\s*snippet:(.*)$/;
const TYPESCRIPT_LANGUAGES = new Set(['ts', 'typescript']);

/** The snippets of one Markdown file, and what is wrong with its fences and markers. */
export interface ExtractedSnippets {
  snippets: Snippet[];
  problems: MarkdownProblem[];
}

/**
 * Finds every ```ts / ```typescript fence of `markdown` (indented ones in list items too) and the
 * `<!-- snippet: … -->` markers before it (only blank lines may stand between them). A marker followed by
 * anything else, an unknown marker or a fence that never closes is a problem, so a typo cannot silently
 * leave a snippet unchecked.
 */
export function extractSnippets(markdown: string, file: string): ExtractedSnippets {
  const lines = markdown.split(/\r?\n/);
  const snippets: Snippet[] = [];
  const problems: MarkdownProblem[] = [];
  let pending: { markers: SnippetMarkers; line: number } | undefined;
  const orphanPending = (): void => {
    if (pending) problems.push({ file, line: pending.line, message: 'snippet marker not followed by a ```ts fence' });
    pending = undefined;
  };

  for (let index = 0; index < lines.length; index += 1) {
    const text = lines[index] ?? '';
    const fence = FENCE_OPEN.exec(text);
    if (fence) {
      const [, indent = '', marks = '', language = ''] = fence;
      const close = findFenceClose(lines, index + 1, marks);
      if (close === undefined) {
        problems.push({ file, line: index + 1, message: 'code fence never closes' });
        return { snippets, problems };
      }
      if (TYPESCRIPT_LANGUAGES.has(language.toLowerCase())) {
        snippets.push({
          file,
          fenceLine: index + 1,
          codeLine: index + 2,
          code: lines.slice(index + 1, close).map((line) => dedent(line, indent.length)).join('\n'),
          ...pending?.markers,
        });
        pending = undefined;
      } else {
        orphanPending();
      }
      index = close;
      continue;
    }
    const marker = MARKER_OPEN.exec(text);
    if (marker) {
      const comment = readMarkerComment(lines, index, marker[1] ?? '');
      if (!comment) {
        problems.push({ file, line: index + 1, message: 'snippet marker comment never closes (-->)' });
        return { snippets, problems };
      }
      pending ??= { markers: {}, line: index + 1 };
      const error = applyMarker(pending.markers, comment.marker);
      if (error) problems.push({ file, line: index + 1, message: error });
      index = comment.lastLine;
      continue;
    }
    if (text.trim() !== '') orphanPending();
  }
  orphanPending();
  return { snippets, problems };
}

function findFenceClose(lines: string[], from: number, marks: string): number | undefined {
  const closing = new RegExp(`^\\s*${marks[0] === '`' ? '`' : '~'}{${marks.length},}\\s*$`);
  for (let index = from; index < lines.length; index += 1) {
    if (closing.test(lines[index] ?? '')) return index;
  }
  return undefined;
}

/** Removes up to `width` leading whitespace characters: the fence's indentation inside a list item. */
function dedent(line: string, width: number): string {
  let cut = 0;
  while (cut < width && (line[cut] === ' ' || line[cut] === '\t')) cut += 1;
  return line.slice(cut);
}

function readMarkerComment(
  lines: string[],
  start: number,
  firstLine: string,
): { marker: MarkerComment; lastLine: number } | undefined {
  const closeAt = firstLine.indexOf('-->');
  if (closeAt >= 0) return { marker: { line: start + 1, head: firstLine.slice(0, closeAt), body: [] }, lastLine: start };
  const body: string[] = [];
  for (let index = start + 1; index < lines.length; index += 1) {
    const text = lines[index] ?? '';
    const end = text.indexOf('-->');
    if (end < 0) {
      body.push(text);
      continue;
    }
    if (text.slice(0, end).trim() !== '') body.push(text.slice(0, end));
    return { marker: { line: start + 1, head: firstLine, body }, lastLine: index };
  }
  return undefined;
}
