import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

const API_KEY = 'hh-export-failures-key';
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

it('reports a failed export through onError, stats().errors.export and one redacted warning', async () => {
  const errors: string[] = [];
  const logger = collectingLogger();
  const t = new TestTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    project: 'export-failures',
    logger,
    onError: (error, info) => errors.push(`${info.operation}: ${error.message}`),
  });
  try {
    expect(await t.ready).toBe(true);
    await backend.faults.set({ kind: 'status', status: 400, routes: 'traces' });
    t.startSpan('rejected', {}, () => undefined);
    t.startSpan('rejected', {}, () => undefined);
    expect(await t.flush(30_000)).toBe(false); // a generous bound: the failure is reported well before it
    expect(errors).toEqual([expect.stringMatching(/^export: 2 span\(s\) not delivered: /)]);
    expect(t.stats()).toMatchObject({ exported: 0, failed: 2, errors: { export: 1 } });
    const warnings = logger.at('warn').filter((line) => line.includes('span(s)'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).not.toContain(API_KEY);
  } finally {
    await t.shutdown();
  }
});
