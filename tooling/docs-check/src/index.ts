export type { Snippet, MarkdownProblem, SnippetDiagnostic } from './snippet-types';
export { extractSnippets, type ExtractedSnippets } from './extract-snippets';
export { findDocFiles, findSourceFiles } from './find-doc-files';
export { brokenRelativeLinks, outsideDocumentReferences } from './doc-links';
export { snippetModule, type SnippetModule } from './snippet-module';
export { typeCheckSnippets, formatDiagnostic, SNIPPET_COMPILER_OPTIONS } from './type-check-snippets';
export { runSnippet, type SnippetRun } from './run-snippet';
