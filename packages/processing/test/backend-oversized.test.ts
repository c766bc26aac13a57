import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import type { OtlpProtocol } from '../src';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';
import { accounted } from './helpers/tracing';

// A backend that refuses requests over 256 KB (HTTP 413; gRPC RESOURCE_EXHAUSTED "Received message larger
// than max"), and one span of 400 KB among 49 small ones in the same batch.

const LIMIT = 256 * 1024;
let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY], maxBodyBytes: LIMIT });
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

describe.each<OtlpProtocol>(['http/protobuf', 'http/json', 'grpc'])('an oversized span over %s', (protocol) => {
  it('only the offending span is dropped as too_large; the 49 others of its batch are delivered', async () => {
    const pipeline = backendPipeline(backend, protocol, {}, { batch: { scheduledDelayMillis: 60_000, maxExportBatchSize: 50 } });
    try {
      for (let i = 0; i < 50; i++) {
        const span = pipeline.tracer.startSpan(i === 17 ? 'huge' : `small-${i}`, {}, ROOT_CONTEXT);
        span.setAttribute('payload', i === 17 ? 'x'.repeat(400 * 1024) : 'y'.repeat(100));
        span.end();
      }
      await pipeline.processor.forceFlush();
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ ended: 50, exported: 49, failed: 0, queued: 0, inFlight: 0 });
      expect(stats.dropped.too_large).toBe(1);
      expect(stats.ended).toBe(accounted(stats));
      const names = backend.spans().map((s) => s.name);
      expect(names).toHaveLength(49);
      expect(names).not.toContain('huge');

      const requests = traceRequests(backend);
      const refused = requests.filter((r) => r.outcome === 'rejected');
      // each refusal is for a smaller part (50 → 25 → 12 → 6 → 3 → 2 → 1): never the same request twice
      expect(refused).toHaveLength(7);
      for (const r of refused) expect(r.reason).toMatch(protocol === 'grpc' ? /larger than max/ : /larger than/);
      expect(requests.filter((r) => r.outcome === 'ok')).toHaveLength(6);
    } finally {
      await pipeline.close();
    }
  });
});
