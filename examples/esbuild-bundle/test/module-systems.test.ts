import * as path from 'node:path';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend } from '@honeyhive/local-backend';
import { lastJsonLine, runNode } from './support/run-node';

// Without a bundler: Node loads `import '@honeyhive/tracer'` from dist/index.mjs, a thin ES-module entry over the
// CommonJS build that `require()` loads. An app mixing the two must still get one copy of the package (one tracer
// registry, one class), which two separate builds would not give.

const API_KEY = 'hh-module-systems-key';
const FIXTURE = path.join(__dirname, '..', 'fixtures', 'mixed-module-systems.mjs');

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
}, 60_000);

afterAll(async () => {
  await backend?.stop();
});

it('import and require() of @honeyhive/tracer in one Node process share one copy and one default tracer', async () => {
  const run = await runNode(FIXTURE, path.dirname(FIXTURE), { HH_API_KEY: API_KEY, HH_API_URL: backend.httpUrl });
  const output = lastJsonLine<{ result: number; delivered: boolean; sessionId: string; sameClass: boolean; sameDefaultTracer: boolean }>(run);

  expect(run.code).toBe(0);
  expect(output).toMatchObject({ result: 42, delivered: true, sameClass: true, sameDefaultTracer: true });
  // traced through the require() copy, reported by the tracer made through import
  const span = await backend.waitFor(() => backend.spans().find((s) => s.name === 'double_through_require'), 30_000);
  expect(span.attributes['honeyhive.session_id']).toBe(output.sessionId);
});
