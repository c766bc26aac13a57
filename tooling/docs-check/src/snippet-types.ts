/** One ```ts / ```typescript fence of a Markdown file, with the markers written before it. */
export interface Snippet {
  /** The Markdown file, as given to the extractor (the repo-relative path in messages). */
  file: string;
  /** 1-based line of the opening fence. */
  fenceLine: number;
  /** 1-based line of the first code line (the line after the fence). */
  codeLine: number;
  /** The code, with the fence's own indentation removed. */
  code: string;
  /** Code from a `<!-- snippet: prelude … -->` marker, placed before the snippet when it is checked or run. */
  prelude?: { code: string; line: number };
  /** Why the snippet is not checked (`<!-- snippet: skip <reason> -->`). */
  skip?: string;
  /** `<!-- snippet: run -->`: also executed; `spans` is the exact number of spans the backend must receive. */
  run?: { spans?: number };
}

/** Something wrong with the Markdown itself: an unknown or misplaced marker, a fence that never closes. */
export interface MarkdownProblem {
  file: string;
  line: number;
  message: string;
}

/** A compiler diagnostic, placed at the Markdown line it comes from. */
export interface SnippetDiagnostic {
  file: string;
  line: number;
  column: number;
  code: number;
  message: string;
}
