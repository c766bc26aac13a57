import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend } from '@honeyhive/local-backend';
import { bundleApp } from '../src/esbuild-options';
import { lastJsonLine, runNode } from './support/run-node';

// The example app (src/app) bundled with esbuild for Node, run in a child process from a temporary directory (no
// node_modules to fall back on) against the local backend. The recommended settings (src/esbuild-options.ts, and
// docs/bundling.md) must give a bundle that runs and names its spans after the traced functions; the settings they
// add are each shown to matter.

interface AppOutput {
  result: { question: string; answer: number; summary: string };
  sessionId: string;
  delivered: boolean;
  oneCopy: boolean;
  sameDefaultTracer: boolean;
}

const API_KEY = 'hh-esbuild-example-key';
const STEPS = 3; // pipeline, add, summarize

let backend: LocalBackend;
let outDir: string;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
  outDir = mkdtempSync(path.join(os.tmpdir(), 'hh-esbuild-bundle-'));
}, 60_000);

afterAll(async () => {
  await backend?.stop();
  if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
});

function runBundle(file: string, env: Record<string, string> = {}) {
  return runNode(file, outDir, { HH_API_KEY: API_KEY, HH_API_URL: backend.httpUrl, ...env });
}

/** The spans the backend received in `sessionId`, once all `count` arrived. */
function spansOf(sessionId: string, count: number) {
  return backend.waitFor(() => {
    const found = backend.spans().filter((span) => span.attributes['honeyhive.session_id'] === sessionId);
    return found.length >= count ? found : undefined;
  }, 30_000);
}

/** The names of the spans the backend received in `sessionId`, once all `count` arrived, sorted. */
async function spanNames(sessionId: string, count: number): Promise<string[]> {
  return (await spansOf(sessionId, count)).map((span) => span.name).sort();
}

describe('an esbuild bundle of a traced app', () => {
  it('ESM output with the recommended settings (require banner, keepNames) runs, minified, and names spans after the functions', async () => {
    const run = await runBundle(await bundleApp('esm', path.join(outDir, 'recommended.mjs'), { minify: true }));
    const output = lastJsonLine<AppOutput>(run);

    expect(run.code).toBe(0);
    expect(output.result).toEqual({ question: 'what is 40 + 2?', answer: 42, summary: 'the answer is 42' });
    expect(output.delivered).toBe(true);
    expect(await spanNames(output.sessionId, STEPS)).toEqual(['add', 'pipeline', 'summarize']);
    // the app's `require()` and its `import` of @honeyhive/tracer reach one copy of it inside the bundle
    expect(output.oneCopy).toBe(true);
    expect(output.sameDefaultTracer).toBe(true);
  });

  it('CommonJS output with the recommended settings (keepNames) runs and names spans after the functions', async () => {
    const run = await runBundle(await bundleApp('cjs', path.join(outDir, 'recommended.cjs')));
    const output = lastJsonLine<AppOutput>(run);

    expect(run.code).toBe(0);
    expect(output.delivered).toBe(true);
    expect(await spanNames(output.sessionId, STEPS)).toEqual(['add', 'pipeline', 'summarize']);
    expect(output.oneCopy).toBe(true);
    expect(output.sameDefaultTracer).toBe(true);
  });

  it('ESM output exporting over gRPC runs with the grpc-js copy inside the bundle (no node_modules to find it in)', async () => {
    // esbuild bundles grpc-js because it resolves at build time (here through @honeyhive/processing's devDependency;
    // an app installs it itself); where the bundle runs there is no node_modules to find it in
    const file = await bundleApp('esm', path.join(outDir, 'grpc.mjs'));
    // the gRPC port is another origin than serverUrl's, so the key goes in the OTLP headers
    const run = await runBundle(file, {
      HH_OTLP_PROTOCOL: 'grpc',
      HH_OTLP_ENDPOINT: backend.grpcUrl,
      HH_OTLP_HEADERS: JSON.stringify({ authorization: `Bearer ${API_KEY}` }),
    });
    const output = lastJsonLine<AppOutput>(run);

    expect(run.code).toBe(0);
    expect(output.delivered).toBe(true);
    const spans = await spansOf(output.sessionId, STEPS);
    expect(spans.map((span) => [span.name, span.protocol]).sort()).toEqual([
      ['add', 'grpc'],
      ['pipeline', 'grpc'],
      ['summarize', 'grpc'],
    ]);
  });

  it('HTTP tracing runs with the instrumentation-http copy inside the bundle; left out of it, the tracer names the package to add', async () => {
    // like grpc-js, esbuild bundles the optional @opentelemetry/instrumentation-http because it resolves at build time
    // (here through @honeyhive/integration's devDependency): the tracer must load it, not look for it in node_modules
    const install = 'npm install @opentelemetry/instrumentation-http@^0.223.0';
    // NODE_PATH: not the one `npx` sets for this test process, whose pnpm store would hold the package
    const on = { HH_DISABLE_HTTP_TRACING: 'false', NODE_PATH: '' };
    const bundled = await runBundle(await bundleApp('esm', path.join(outDir, 'http.mjs')), on);
    const left = await runBundle(await bundleApp('esm', path.join(outDir, 'http-left-out.mjs'), { external: ['@opentelemetry/instrumentation-http'] }), on);

    expect(bundled.code).toBe(0);
    expect(lastJsonLine<AppOutput>(bundled).delivered).toBe(true);
    expect(`${bundled.stdout}${bundled.stderr}`).not.toContain(install);
    // not in the bundle and no node_modules: one line says what to add, and the spans are delivered all the same
    expect(left.code).toBe(0);
    expect(lastJsonLine<AppOutput>(left).delivered).toBe(true);
    expect(`${left.stdout}${left.stderr}`.split(install)).toHaveLength(2);
  });

  it('ESM output without the require banner stops at start: the OpenTelemetry SDK inside require()s Node built-ins', async () => {
    const run = await runBundle(await bundleApp('esm', path.join(outDir, 'no-banner.mjs'), { banner: {} }));

    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/Dynamic require of "[^"]+" is not supported/);
  });

  it('without keepNames esbuild renames functions whose names are taken in the bundle; an explicit eventName is kept', async () => {
    const run = await runBundle(await bundleApp('esm', path.join(outDir, 'no-keep-names.mjs'), { keepNames: false }));
    const output = lastJsonLine<AppOutput>(run);

    expect(run.code).toBe(0);
    // `pipeline`: report.ts imports stream's `pipeline` first; `add`: `const add = trace(function add …)`
    expect(await spanNames(output.sessionId, STEPS)).toEqual(['add2', 'pipeline2', 'summarize']);
  });
});
