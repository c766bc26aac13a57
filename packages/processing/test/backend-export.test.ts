import { ROOT_CONTEXT } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { backendPipeline, traceRequests } from './helpers/backend';
import { SESSION, accounted, withBaggage } from './helpers/tracing';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

it('a span without a session is counted and never sent', async () => {
  const pipeline = backendPipeline(backend, 'http/protobuf', {}, { defaults: { project: 'p' } });
  try {
    pipeline.tracer.startSpan('orphan', {}, ROOT_CONTEXT).end();
    pipeline.tracer.startSpan('owned', {}, withBaggage({ session_id: SESSION })).end();
    await pipeline.processor.forceFlush();
    await backend.waitForSpans(1);
    expect(backend.spans().map((s) => s.name)).toEqual(['owned']);
    expect(traceRequests(backend).reduce((n, r) => n + r.spanCount, 0)).toBe(1);
    const stats = pipeline.processor.stats();
    expect(stats.dropped.no_session).toBe(1);
    expect(stats.exported).toBe(1);
    expect(stats.ended).toBe(accounted(stats));
  } finally {
    await pipeline.close();
  }
});

it('span-name filters keep filtered spans off the wire', async () => {
  const pipeline = backendPipeline(backend, 'http/json', {}, { includeSpanNames: [/^app\./], excludeSpanNames: ['app.health'] });
  try {
    for (const name of ['app.work', 'app.health', 'GET /metrics', 'app.more']) pipeline.emit(name);
    await pipeline.processor.forceFlush();
    await backend.waitForSpans(2);
    expect(backend.spans().map((s) => s.name).sort()).toEqual(['app.more', 'app.work']);
    expect(pipeline.processor.stats().dropped.filtered).toBe(2);
  } finally {
    await pipeline.close();
  }
});

it('a full queue behind a slow backend drops and counts; the invariant holds before and after flush', async () => {
  await backend.faults.set({ kind: 'delay', ms: 700, count: 1 });
  const pipeline = backendPipeline(backend, 'http/protobuf', {}, {
    batch: { maxQueueSize: 3, maxExportBatchSize: 1, scheduledDelayMillis: 0 }, // the helper's generous export timeout
  });
  try {
    pipeline.emit('first');
    await backend.waitFor(() => traceRequests(backend).length === 1 || backend.requests().length > 0);
    pipeline.emit('burst', 10);
    const during = pipeline.processor.stats();
    expect(during.inFlight).toBe(1);
    expect(during.queued).toBe(3);
    expect(during.dropped.queue_full).toBe(7);
    expect(during.ended).toBe(accounted(during));

    await pipeline.processor.forceFlush();
    const after = pipeline.processor.stats();
    expect(after).toMatchObject({ ended: 11, exported: 4, failed: 0, queued: 0, inFlight: 0 });
    expect(after.dropped.queue_full).toBe(7);
    expect(after.ended).toBe(accounted(after));
    await backend.waitForSpans(4);
    expect(backend.spans()).toHaveLength(after.exported);
  } finally {
    await pipeline.close();
  }
});

it('simple mode (disableBatch) sends one request per span and still counts', async () => {
  const pipeline = backendPipeline(backend, 'http/protobuf', {}, { disableBatch: true });
  try {
    pipeline.emit('one', 3);
    await pipeline.processor.forceFlush();
    expect(traceRequests(backend).map((r) => r.spanCount)).toEqual([1, 1, 1]);
    expect(pipeline.processor.stats()).toMatchObject({ ended: 3, exported: 3, inFlight: 0 });
  } finally {
    await pipeline.close();
  }
});
