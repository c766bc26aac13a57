import type { Snippet } from './snippet-types';

/** A snippet as a module: its prelude, its code, then `export {}` so every snippet is its own ES module. */
export interface SnippetModule {
  /** A file name unique per snippet, from its Markdown file and fence line, e.g. `packages__utils__README-L34`. */
  name: string;
  source: string;
  /** The Markdown line of a 0-based line of `source`. */
  markdownLine(sourceLine: number): number;
}

export function snippetModule(snippet: Snippet): SnippetModule {
  const lines: string[] = [];
  const origins: number[] = [];
  const add = (code: string, firstLine: number): void => {
    code.split('\n').forEach((line, offset) => {
      lines.push(line);
      origins.push(firstLine + offset);
    });
  };
  if (snippet.prelude) add(snippet.prelude.code, snippet.prelude.line);
  add(snippet.code, snippet.codeLine);
  add('export {};', snippet.fenceLine);
  return {
    name: `${snippet.file.replace(/\.md$/i, '').replace(/[^A-Za-z0-9_-]+/g, '__')}-L${snippet.fenceLine}`,
    source: `${lines.join('\n')}\n`,
    markdownLine: (sourceLine) => origins[Math.min(Math.max(sourceLine, 0), origins.length - 1)] ?? snippet.fenceLine,
  };
}
