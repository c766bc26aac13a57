import { TracerConfig } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

afterEach(() => resetOtelGlobals());

describe('tracer lifecycle', () => {
  it('installs signal hooks only when asked, and removes them on shutdown', async () => {
    const before = process.listenerCount('SIGTERM');
    const plain = new TestTracer({ testMode: true, logger: collectingLogger() });
    expect(process.listenerCount('SIGTERM')).toBe(before);
    const logger = collectingLogger();
    const signalled = new TestTracer({ testMode: true, flushOnSignals: true, logger });
    expect(process.listenerCount('SIGTERM')).toBe(before + 1);
    expect(signalled.stats().configProblems).toBe(0);
    await Promise.all([plain.shutdown(), signalled.shutdown()]);
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });

  it('keeps a TracerConfig passed directly (non-enumerable API key included) when exit options are split off', async () => {
    // without test mode, the mode is 'active' only if the API key survived the split
    const config = new TracerConfig({ apiKey: 'k-123', serverUrl: 'http://127.0.0.1:9', project: 'direct', apiTimeoutMs: 500 });
    expect(Object.keys(config)).not.toContain('apiKey');
    const t = new TestTracer(Object.assign(config, { flushOnExit: false, logger: collectingLogger() }));
    expect(t.stats().configProblems).toBe(0);
    expect(t.stats().mode).toBe('active');
    await t.shutdown();
  });

  it('shutdown is idempotent; later spans are ignored and counted; flush never rejects', async () => {
    const t = new TestTracer({ testMode: true, logger: collectingLogger() });
    t.startSpan('before', () => undefined);
    const first = t.shutdown();
    expect(t.shutdown()).toBe(first);
    expect(await first).toBe(true);
    expect(t.startSpan('after', () => 'still runs')).toBe('still runs');
    t.startSpan('manual').end();
    await expect(t.flush()).resolves.toEqual(expect.any(Boolean));
    const stats = t.stats();
    expect(stats).toMatchObject({ lifecycle: 'shut_down', ended: 1, exported: 1, droppedAfterShutdown: 2 });
    await expect(t.enrichSession({ metadata: { late: true } })).resolves.toBe(false);
    expect(t.stats().eventUpdates.skipped).toBe(1);
  });

  it('turns optional HTTP tracing on for its own provider only, and off again at shutdown', async () => {
    const errors: string[] = [];
    const t = new TestTracer({ testMode: true, disableHttpTracing: false, logger: collectingLogger(), onError: (e, info) => errors.push(`${info.operation}: ${e.message}`) });
    expect(t.captureOptions).toMatchObject({ captureInputs: true, captureOutputs: true, legacyInputShape: false, maxAttributes: 1024 });
    expect(await t.shutdown()).toBe(true);
    expect(errors).toEqual([]);
  });
});
