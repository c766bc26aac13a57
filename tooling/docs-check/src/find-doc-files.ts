import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Directories that hold no documentation of ours: installed or built files. */
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'coverage']);

/**
 * The Markdown files whose snippets are checked, relative to `root`, sorted: every `README.md` of the repository
 * (outside installed, built and hidden directories) and every `docs/*.md`.
 */
export function findDocFiles(root: string): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith('.') || SKIPPED_DIRS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'README.md') found.push(relative(root, full));
    }
  };
  walk(root);
  const docs = join(root, 'docs');
  if (existsSync(docs)) {
    for (const entry of readdirSync(docs, { withFileTypes: true })) {
      if (entry.isFile() && entry.name.endsWith('.md') && entry.name !== 'README.md') found.push(join('docs', entry.name));
    }
  }
  return found.sort();
}

const SOURCE_FILE = /\.(?:ts|mts|cts|js|mjs|cjs)$/;

/**
 * The source files of every workspace package (`packages/*`, `tooling/*`, `examples/*`, `bench`): what is under
 * their `src/`, relative to `root`, except the packages named in `exclude`.
 */
export function findSourceFiles(root: string, exclude: readonly string[] = []): string[] {
  const found: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (SKIPPED_DIRS.has(entry.name)) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (SOURCE_FILE.test(entry.name)) found.push(relative(root, full));
    }
  };
  const packageDirs = ['packages', 'tooling', 'examples']
    .filter((group) => existsSync(join(root, group)))
    .flatMap((group) => readdirSync(join(root, group)).map((name) => join(group, name)))
    .concat(['bench']);
  for (const dir of packageDirs) {
    if (exclude.includes(dir)) continue;
    const src = join(root, dir, 'src');
    if (existsSync(src)) walk(src);
  }
  return found.sort();
}
