import * as path from 'node:path';

/**
 * The default session name: the file name of the main script (`require.main`, else `process.argv[1]`),
 * as npm honeyhive 1.x did; `'unknown'` when there is none (REPL, `node -e`). Never throws.
 */
export function defaultSessionName(): string {
  try {
    const main = typeof require !== 'undefined' ? require.main?.filename : undefined;
    const script = main ?? process.argv[1];
    if (typeof script === 'string' && script.trim() !== '') {
      const name = path.basename(script);
      if (name !== '') return name;
    }
  } catch {
    // fall through
  }
  return 'unknown';
}
