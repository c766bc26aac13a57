import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { snippetModule, type SnippetModule } from './snippet-module';
import type { Snippet, SnippetDiagnostic } from './snippet-types';

/**
 * A strict TypeScript user's settings: Node's own ESM resolution (`nodenext`, each snippet an `.mts` module, so
 * top-level `await` works and `@honeyhive/*` resolve through their `exports` to the built `dist/`), `strict`, and
 * standard (TC39) decorators.
 */
export const SNIPPET_COMPILER_OPTIONS: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  lib: ['lib.es2022.d.ts'],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  types: ['node'],
  noEmit: true,
  skipLibCheck: true,
  forceConsistentCasingInFileNames: true,
};

/**
 * Writes every snippet not marked `skip` as an `.mts` module into `workDir` (emptied first; it must lie inside a
 * package whose `node_modules` has the imported packages) and type-checks them all in one program. Each
 * diagnostic is placed at the Markdown line of the code it is about.
 */
export function typeCheckSnippets(snippets: readonly Snippet[], workDir: string): SnippetDiagnostic[] {
  rmSync(workDir, { recursive: true, force: true });
  mkdirSync(workDir, { recursive: true });
  const byPath = new Map<string, { snippet: Snippet; module: SnippetModule }>();
  for (const snippet of snippets) {
    if (snippet.skip !== undefined) continue;
    const module = snippetModule(snippet);
    const path = join(workDir, `${module.name}.mts`);
    writeFileSync(path, module.source);
    byPath.set(path, { snippet, module });
  }
  if (byPath.size === 0) return [];

  const host = ts.createCompilerHost(SNIPPET_COMPILER_OPTIONS);
  host.getCurrentDirectory = () => workDir;
  const program = ts.createProgram([...byPath.keys()], SNIPPET_COMPILER_OPTIONS, host);
  return ts
    .getPreEmitDiagnostics(program)
    .map((diagnostic) => place(diagnostic, byPath, workDir))
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

function place(
  diagnostic: ts.Diagnostic,
  byPath: Map<string, { snippet: Snippet; module: SnippetModule }>,
  workDir: string,
): SnippetDiagnostic {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  const { file, start } = diagnostic;
  if (!file || start === undefined) return { file: '(compiler options)', line: 0, column: 0, code: diagnostic.code, message };
  const { line, character } = file.getLineAndCharacterOfPosition(start);
  const origin = byPath.get(file.fileName);
  if (!origin) return { file: relative(workDir, file.fileName), line: line + 1, column: character + 1, code: diagnostic.code, message };
  return { file: origin.snippet.file, line: origin.module.markdownLine(line), column: character + 1, code: diagnostic.code, message };
}

/** `README.md:12:7 TS2304: Cannot find name 'llm'.` */
export function formatDiagnostic(diagnostic: SnippetDiagnostic): string {
  return `${diagnostic.file}:${diagnostic.line}:${diagnostic.column} TS${diagnostic.code}: ${diagnostic.message}`;
}
