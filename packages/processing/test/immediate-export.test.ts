import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import type { OtlpProtocol } from '../src';
import { backendPipeline, traceRequests } from './helpers/backend';
import { accounted } from './helpers/tracing';

// Immediate mode (disableBatch) against a slow backend through the real OTLP exporters, whose own
// concurrency limit (30 requests) refuses anything beyond it: a burst of spans must be delivered, not failed.

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

const SPANS = 100;
const tick = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function expectAllDelivered(pipeline: ReturnType<typeof backendPipeline>): Promise<void> {
  await pipeline.processor.forceFlush();
  const stats = pipeline.processor.stats();
  expect(stats).toMatchObject({ ended: SPANS, exported: SPANS, failed: 0, queued: 0, inFlight: 0 });
  expect(stats.dropped).toEqual({ no_session: 0, filtered: 0, queue_full: 0, too_large: 0, shutdown: 0, process_exit: 0 });
  expect(stats.ended).toBe(accounted(stats));
  expect(backend.spans()).toHaveLength(SPANS);
}

describe.each<OtlpProtocol>(['http/protobuf', 'grpc'])('immediate mode over %s with a 100 ms backend', (protocol) => {
  it(`${SPANS} spans ending at once are all delivered, in fewer requests than spans`, async () => {
    await backend.faults.set({ kind: 'delay', ms: 100 });
    const pipeline = backendPipeline(backend, protocol, {}, { disableBatch: true });
    try {
      pipeline.emit('burst', SPANS);
      await expectAllDelivered(pipeline);
      expect(traceRequests(backend).length).toBeLessThan(SPANS);
      expect(traceRequests(backend).every((r) => r.outcome === 'ok')).toBe(true);
    } finally {
      await pipeline.close();
    }
  });

  it(`a sequential loop of ${SPANS} spans is delivered`, async () => {
    await backend.faults.set({ kind: 'delay', ms: 100 });
    const pipeline = backendPipeline(backend, protocol, {}, { disableBatch: true });
    try {
      for (let i = 0; i < SPANS; i++) {
        pipeline.emit('step');
        await tick();
      }
      await expectAllDelivered(pipeline);
    } finally {
      await pipeline.close();
    }
  });
});

it('immediate mode, sequential loop with a 20 ms backend: every span delivered', async () => {
  await backend.faults.set({ kind: 'delay', ms: 20 });
  const pipeline = backendPipeline(backend, 'http/protobuf', {}, { disableBatch: true });
  try {
    for (let i = 0; i < SPANS; i++) {
      pipeline.emit('step');
      await tick();
    }
    await expectAllDelivered(pipeline);
  } finally {
    await pipeline.close();
  }
});
