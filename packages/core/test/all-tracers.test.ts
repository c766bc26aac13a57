import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { flushAll, registeredTracers, shutdownAll } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// flushAll / shutdownAll: the Python SDK's HoneyHiveTracer.flush_all and graceful_shutdown_all, over every
// registered tracer (real exports to the local backend).

const KEY = 'hh-all-tracers-key';
let backend: LocalBackend;
const made: TestTracer[] = [];

function tracer(project: string): TestTracer {
  const created = new TestTracer({
    apiKey: KEY,
    serverUrl: backend.httpUrl,
    project,
    logger: collectingLogger(),
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    // batched with a long interval: only a flush sends the spans
    flushIntervalMs: 600_000,
  });
  made.push(created);
  return created;
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [KEY] });
});
afterEach(async () => {
  await Promise.all(made.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

describe('flushAll and shutdownAll', () => {
  it('flushAll exports the pending spans of every registered tracer and resolves true', async () => {
    const a = tracer('all-a');
    const b = tracer('all-b');
    a.startSpan('from-a', () => undefined);
    b.startSpan('from-b', () => undefined);
    expect(await flushAll()).toBe(true);
    expect(backend.spans().map((span) => span.name).sort()).toEqual(['from-a', 'from-b']);
    expect(registeredTracers()).toEqual(expect.arrayContaining([a, b]));
  });

  it('shutdownAll delivers and shuts down every registered tracer, and later spans are not exported', async () => {
    const a = tracer('all-a');
    const b = tracer('all-b');
    a.startSpan('before-a', () => undefined);
    b.startSpan('before-b', () => undefined);
    expect(await shutdownAll()).toBe(true);
    expect(backend.spans().map((span) => span.name).sort()).toEqual(['before-a', 'before-b']);
    expect(registeredTracers()).not.toContain(a);
    expect(registeredTracers()).not.toContain(b);
    expect([a.stats().lifecycle, b.stats().lifecycle]).toEqual(['shut_down', 'shut_down']);
    a.startSpan('after', () => undefined);
    expect(a.stats().droppedAfterShutdown).toBe(1);
  });

  it('resolves true when no tracer is registered', async () => {
    await shutdownAll();
    expect(await flushAll()).toBe(true);
    expect(await shutdownAll()).toBe(true);
  });
});
