// The esbuild settings docs/bundling.md recommends for a Node app that uses @honeyhive/tracer.
import * as path from 'node:path';
import { build, type BuildOptions } from 'esbuild';

/**
 * The first lines of an ESM bundle: a real `require` for the CommonJS code inside it. OpenTelemetry's packages (and
 * so the tracer) are CommonJS and `require()` Node built-ins (`util`, `async_hooks`, …); in ESM output esbuild turns
 * those calls into a stub that throws "Dynamic require of "util" is not supported", unless a `require` is in scope.
 */
const ESM_REQUIRE_BANNER =
  "import { createRequire as __honeyhiveCreateRequire } from 'node:module';\n" +
  'const require = __honeyhiveCreateRequire(import.meta.url);';

/** The app's entry point. */
const APP_ENTRY = path.join(__dirname, '..', 'src', 'app', 'main.ts');

/**
 * Recommended options for bundling a traced app for Node: `platform: 'node'`, a `require` for ESM output, and
 * `keepNames` so that spans named after functions keep their names (esbuild renames functions whose names collide
 * across modules, and `minify` shortens them all).
 */
function recommendedOptions(format: 'esm' | 'cjs'): BuildOptions {
  return {
    entryPoints: [APP_ENTRY],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format,
    keepNames: true,
    ...(format === 'esm' ? { banner: { js: ESM_REQUIRE_BANNER } } : {}),
  };
}

/** Bundles the app to `outfile` with the recommended options and `overrides` (the test turns settings off). */
export async function bundleApp(format: 'esm' | 'cjs', outfile: string, overrides: BuildOptions = {}): Promise<string> {
  await build({ ...recommendedOptions(format), logLevel: 'warning', ...overrides, outfile });
  return outfile;
}
