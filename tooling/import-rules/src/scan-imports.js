'use strict';
// Finds the module specifiers a TypeScript/JavaScript source file imports, with their line numbers.

const STATIC_FORMS = [
  /\bimport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\bimport\s*['"]([^'"]+)['"]/g,
  /\bexport\s+(?:type\s+)?[\w*{}\s,$]*?\s*from\s*['"]([^'"]+)['"]/g,
  /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
  /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g,
];

/** Blanks out comments but keeps line breaks, so reported line numbers stay right. */
function stripComments(source) {
  return source
    .replace(/\/\*[\s\S]*?\*\//g, (block) => block.replace(/[^\n]/g, ' '))
    .replace(/(^|[^:'"`\\])\/\/[^\n]*/g, (_match, before) => before);
}

function lineOf(source, index) {
  let line = 1;
  for (let i = 0; i < index; i += 1) if (source.charCodeAt(i) === 10) line += 1;
  return line;
}

/** @returns {{ specifier: string, line: number }[]} */
function scanImports(source) {
  const text = stripComments(source);
  const found = new Map();
  for (const form of STATIC_FORMS) {
    form.lastIndex = 0;
    let match;
    while ((match = form.exec(text)) !== null) {
      const index = match.index + match[0].lastIndexOf(match[1]);
      found.set(index, { specifier: match[1], line: lineOf(text, index) });
    }
  }
  return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, value]) => value);
}

/** `@scope/name/deep` → `@scope/name`; `name/deep` → `name`; relative and `node:` → undefined. */
function packageNameOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

module.exports = { scanImports, packageNameOf };
