import { inspect } from 'node:util';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

const API_KEY = 'hh-secret-hygiene-key-7c1e';
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());
afterEach(() => resetOtelGlobals());

function printed(value: unknown): string {
  let json: string;
  try {
    json = JSON.stringify(value) ?? '';
  } catch (error) {
    json = String(error);
  }
  return inspect(value, { depth: 12, showHidden: true, getters: false }) + json;
}

it('keeps the API key out of util.inspect (console.log) and JSON.stringify of a tracer, before and after its session starts', async () => {
  const tracer = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'hygiene', logger: collectingLogger() });
  try {
    expect(printed(tracer)).not.toContain(API_KEY);
    expect(await tracer.ready).toBe(true);
    tracer.startSpan('work', { metadata: { step: 1 } }, () => undefined);
    await tracer.flush();
    expect(printed(tracer)).not.toContain(API_KEY);
    expect(printed(tracer.stats())).not.toContain(API_KEY);
  } finally {
    await tracer.shutdown();
  }
});
