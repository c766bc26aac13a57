import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { resolveBatchOptions, type HoneyHiveSpanProcessorOptions, type OtlpExporterOptions } from '../src';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';
import { accounted } from './helpers/tracing';

// Each test passes an `env` object; process.env is never touched.
let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

const NOWHERE = 'http://127.0.0.1:9'; // discard port: nothing listens there

/**
 * A pipeline whose exporter is configured by `env` only (no explicit target or protocol). The endpoint is not on
 * the server's origin, so the API key is not sent there: the backend is authenticated by an explicit header.
 */
function envPipeline(
  env: Record<string, string>,
  extra: Partial<OtlpExporterOptions> = {},
  processorOptions: Partial<HoneyHiveSpanProcessorOptions> = {},
) {
  const auth = { Authorization: `Bearer ${API_KEY}` };
  return backendPipeline(backend, 'http/protobuf', { protocol: undefined, serverUrl: NOWHERE, endpoint: undefined, env, headers: auth, ...extra }, processorOptions);
}

describe('exporter env knobs, end to end', () => {
  it('HH_OTLP_ENDPOINT routes the spans (over serverUrl)', async () => {
    const pipeline = envPipeline({ HH_OTLP_ENDPOINT: backend.otlpHttpUrl });
    try {
      expect(pipeline.created.url).toBe(backend.otlpHttpUrl);
      pipeline.emit('via-env-endpoint');
      await pipeline.processor.forceFlush();
      expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['via-env-endpoint']);
    } finally {
      await pipeline.close();
    }
  });

  it('HH_OTLP_HEADERS adds headers (here the Authorization itself); explicit headers win', async () => {
    const pipeline = envPipeline(
      { HH_OTLP_ENDPOINT: backend.otlpHttpUrl, HH_OTLP_HEADERS: `Authorization=Bearer%20${API_KEY},x-team=blue,x-tier=env` },
      { apiKey: undefined, headers: { 'X-Tier': 'explicit' } },
    );
    try {
      pipeline.emit('with-env-headers');
      await pipeline.processor.forceFlush();
      const [request] = traceRequests(backend);
      expect(request?.outcome).toBe('ok');
      expect(request?.apiKey).toBe(API_KEY);
      expect(request?.headers['x-team']).toBe('blue');
      expect(request?.headers['x-tier']).toBe('explicit');
    } finally {
      await pipeline.close();
    }
  });

  it('HH_OTLP_PROTOCOL selects the encoding', async () => {
    const pipeline = envPipeline({ HH_OTLP_ENDPOINT: backend.otlpHttpUrl, HH_OTLP_PROTOCOL: 'http/json' });
    try {
      pipeline.emit('json-by-env');
      await pipeline.processor.forceFlush();
      expect((await backend.waitForSpans(1))[0]?.protocol).toBe('http/json');
    } finally {
      await pipeline.close();
    }
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL selects the encoding when HH_OTLP_PROTOCOL is unset', async () => {
    const pipeline = envPipeline({ HH_OTLP_ENDPOINT: backend.grpcUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    try {
      expect(pipeline.created.protocol).toBe('grpc');
      pipeline.emit('grpc-by-otel-env');
      await pipeline.processor.forceFlush();
      expect((await backend.waitForSpans(1))[0]?.protocol).toBe('grpc');
    } finally {
      await pipeline.close();
    }
  });

  it('HH_EXPORT_TIMEOUT bounds an export: a slower backend makes it fail, counted', async () => {
    await backend.faults.set({ kind: 'delay', ms: 2_500, count: 5 });
    const env = { HH_OTLP_ENDPOINT: backend.otlpHttpUrl, HH_EXPORT_TIMEOUT: '0.3' };
    const { batch } = resolveBatchOptions({ env });
    const pipeline = envPipeline(env, {}, { batch });
    try {
      expect(pipeline.created.timeoutMs).toBe(300);
      expect(batch.exportTimeoutMillis).toBe(300);
      pipeline.emit('too-slow');
      await pipeline.processor.forceFlush();
      const stats = pipeline.processor.stats();
      expect(stats).toMatchObject({ exported: 0, failed: 1 });
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });
});

describe('batch env knobs, end to end', () => {
  it('HH_BATCH_SIZE: a full batch leaves without waiting for the delay', async () => {
    const { batch } = resolveBatchOptions({ env: { HH_BATCH_SIZE: '2', HH_FLUSH_INTERVAL: '600' } });
    const pipeline = backendPipeline(backend, 'http/protobuf', {}, { batch });
    try {
      pipeline.emit('batched', 4);
      await backend.waitForSpans(4); // no forceFlush: only full batches can have left
      expect(traceRequests(backend).map((r) => r.spanCount)).toEqual([2, 2]);
    } finally {
      await pipeline.close();
    }
  });

  it('HH_FLUSH_INTERVAL: a partial batch leaves after the interval', async () => {
    const { batch } = resolveBatchOptions({ env: { HH_FLUSH_INTERVAL: '0.05' } });
    expect(batch.scheduledDelayMillis).toBe(50);
    const pipeline = backendPipeline(backend, 'http/protobuf', {}, { batch });
    try {
      pipeline.emit('timed');
      expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['timed']); // no forceFlush
    } finally {
      await pipeline.close();
    }
  });

  it('HH_DISABLE_BATCH: every span is its own request', async () => {
    const { batch, disableBatch } = resolveBatchOptions({ env: { HH_DISABLE_BATCH: 'yes', HH_FLUSH_INTERVAL: '600' } });
    expect(disableBatch).toBe(true);
    const pipeline = backendPipeline(backend, 'http/protobuf', {}, { batch, disableBatch });
    try {
      pipeline.emit('single', 3);
      await backend.waitForSpans(3); // no forceFlush
      expect(traceRequests(backend).map((r) => r.spanCount)).toEqual([1, 1, 1]);
    } finally {
      await pipeline.close();
    }
  });
});
