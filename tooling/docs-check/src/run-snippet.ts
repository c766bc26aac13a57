import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { snippetModule } from './snippet-module';
import type { Snippet } from './snippet-types';

/** How a snippet's process ended. */
export interface SnippetRun {
  exitCode: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Killed after `timeoutMs` (a safety net for a snippet that never ends, not a speed check). */
  timedOut: boolean;
}

/**
 * Runs a snippet the way a user runs an ES module: transpiled to `<name>.mjs` in `workDir` and started with this
 * Node binary, `@honeyhive/*` resolving to the built packages' ESM entries. `env` is the whole environment.
 */
export function runSnippet(snippet: Snippet, workDir: string, env: NodeJS.ProcessEnv, timeoutMs = 60_000): Promise<SnippetRun> {
  const module = snippetModule(snippet);
  const { outputText } = ts.transpileModule(module.source, {
    fileName: `${module.name}.mts`,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  mkdirSync(workDir, { recursive: true });
  const file = join(workDir, `${module.name}.mjs`);
  writeFileSync(file, outputText);

  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file], { cwd: workDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ exitCode, signal, stdout, stderr, timedOut });
    });
  });
}
