import { createServer, type Server, type Socket } from 'node:net';
import { startLocalBackend, type GrpcRetryHint, type LocalBackend } from '@honeyhive/local-backend';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';
import { accounted } from './helpers/tracing';

// gRPC export against a backend that is down for long, that throttles with the standard gRPC signals, and
// that refuses messages over its size limit. Timing checks are lower bounds the client cannot meet by
// chance, or bounds set by what grpc-js's default back-off would have done, with wide margins.

/** A port where "the backend is down": every connection is accepted and dropped at once, and counted. */
async function downBackend(): Promise<{ server: Server; port: number; attempts: () => number; close: () => Promise<void> }> {
  let attempts = 0;
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    attempts++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  const close = (): Promise<void> =>
    new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(() => resolve());
    });
  return { server, port, attempts: () => attempts, close };
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('gRPC after a long outage', () => {
  it('spans queued during a long outage are all delivered once the backend is back', async () => {
    const down = await downBackend();
    let backend: LocalBackend | undefined;
    // The exporter's channel fails to connect 7 times before the backend comes back. grpc-js's default
    // reconnect back-off (1 s, ×1.6, ±20 %) would then wait at least 4.4 s before trying again (and take
    // ~26 s to fail 7 times); the exporter's own (100 ms, ×1.6, ≤ 500 ms) retries within a second.
    const FAILED_CONNECTS = 7;
    const pipeline = backendPipeline({ grpcUrl: `http://127.0.0.1:${down.port}` } as LocalBackend, 'grpc', { timeoutMs: 60_000 }, {
      batch: { scheduledDelayMillis: 10, exportTimeoutMillis: 60_000 },
    });
    try {
      pipeline.emit('first');
      await until(() => down.attempts() >= 3, 'connection attempts during the outage');
      pipeline.emit('queued', 20); // behind the export waiting for the channel
      await until(() => down.attempts() >= FAILED_CONNECTS, `${FAILED_CONNECTS} failed connection attempts`);
      await down.close();
      backend = await startLocalBackend({ apiKeys: [API_KEY], grpcPort: down.port });
      await backend.waitForSpans(21, 30_000);
      await pipeline.processor.forceFlush();

      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ ended: 21, exported: 21, failed: 0, queued: 0, inFlight: 0 });
      expect(stats.ended).toBe(accounted(stats));
      // the backlog arrives whole (the old exporter failed all 21 after the outage); how soon is a figure of the
      // reliability suite's gRPC outage row, not asserted here (no wall-clock assertions in unit tests)
      expect(backend.spans().map((s) => s.name).sort()).toEqual(['first', ...Array<string>(20).fill('queued')]);
    } finally {
      await pipeline.close();
      await down.close().catch(() => undefined);
      await backend?.stop();
    }
  }, 90_000);
});

describe('gRPC throttling and size limits', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend({ apiKeys: [API_KEY], maxBodyBytes: 64 * 1024 });
  });
  afterAll(() => backend.stop());
  afterEach(() => backend.reset());

  it.each<GrpcRetryHint>(['retry-info', 'pushback', 'retry-after'])(
    'RESOURCE_EXHAUSTED asking for 2 s through %s: the retry waits as told, then delivers',
    async (hint) => {
      await backend.faults.set({ kind: 'status', status: 429, retryAfterSeconds: 2, grpcRetryHints: [hint], count: 1 });
      const pipeline = backendPipeline(backend, 'grpc');
      try {
        pipeline.emit('throttled', 3);
        expect(await pipeline.processor.flushDelivered()).toBe(true);
        const requests = traceRequests(backend);
        expect(requests.map((r) => r.outcome)).toEqual(['fault', 'ok']);
        // a lower bound: the client cannot be late by chance into satisfying it (the default back-off is ~0.5 s)
        expect(requests[1]!.receivedAt - requests[0]!.receivedAt).toBeGreaterThanOrEqual(1_950);
      } finally {
        await pipeline.close();
      }
    },
  );

  it('RESOURCE_EXHAUSTED with no retry delay is not retried (OTLP: only with RetryInfo)', async () => {
    await backend.faults.set({ kind: 'status', status: 429, count: 1 });
    const pipeline = backendPipeline(backend, 'grpc');
    try {
      pipeline.emit('throttled');
      await pipeline.processor.forceFlush();
      expect(traceRequests(backend)).toHaveLength(1);
      expect(pipeline.processor.stats()).toMatchObject({ exported: 0, failed: 1 });
    } finally {
      await pipeline.close();
    }
  });

  it('"Received message larger than max" is not retried: the span alone is dropped as too_large, the lane moves on', async () => {
    const pipeline = backendPipeline(backend, 'grpc');
    try {
      const span = pipeline.tracer.startSpan('huge');
      span.setAttribute('payload', 'x'.repeat(100 * 1024));
      span.end();
      await pipeline.processor.forceFlush();
      pipeline.emit('next');
      await pipeline.processor.forceFlush();
      const requests = traceRequests(backend);
      expect(requests.map((r) => r.outcome)).toEqual(['rejected', 'ok']);
      expect(requests[0]!.reason).toMatch(/Received message larger than max/);
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ exported: 1, failed: 0 });
      expect(stats.dropped.too_large).toBe(1);
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });
});
