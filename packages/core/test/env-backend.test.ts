import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals, type CollectingLogger } from './helpers/test-tracer';

// The HH_* exporter and batch variables, end to end: a tracer configured by the environment sends real OTLP to the
// local backend (moved here from @honeyhive/processing, which reads no environment any more). process.env is set
// per test and put back afterwards.

const API_KEY = 'hh-env-backend-key';
let backend: LocalBackend;
let saved: Record<string, string | undefined> = {};
const tracers: TestTracer[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
beforeEach(() => {
  // this machine's own HH_* / OTEL_* settings must not leak into the tests
  saved = {};
  for (const name of Object.keys(process.env)) {
    if (name.startsWith('HH_') || name.startsWith('OTEL_')) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  }
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  for (const name of Object.keys(process.env)) if (name.startsWith('HH_') || name.startsWith('OTEL_')) delete process.env[name];
  Object.assign(process.env, saved);
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

/** A tracer built while `env` is in process.env (only the constructor reads it). */
function tracerWith(env: Record<string, string>, options: ConstructorParameters<typeof TestTracer>[0] = {}): { tracer: TestTracer; logger: CollectingLogger } {
  const logger = collectingLogger();
  Object.assign(process.env, env);
  const tracer = new TestTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    project: 'env-backend',
    logger,
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    ...options,
  });
  tracers.push(tracer);
  return { tracer, logger };
}

const emit = (tracer: TestTracer, name: string, count = 1) => {
  for (let i = 0; i < count; i++) tracer.startSpan(name, () => undefined);
};
const traceRequests = () => backend.requests().filter((r) => r.route === 'traces');

describe('exporter env knobs, end to end', () => {
  it('HH_OTLP_ENDPOINT routes the spans (over serverUrl)', async () => {
    const { tracer } = tracerWith({ HH_OTLP_ENDPOINT: `${backend.httpUrl}/v1/traces` });
    emit(tracer, 'via-env-endpoint');
    await tracer.flush();
    expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['via-env-endpoint']);
    expect(traceRequests().map((r) => r.path)).toEqual(['/v1/traces']); // not serverUrl's /opentelemetry/v1/traces
  });

  it('HH_OTLP_HEADERS adds headers (here the Authorization itself)', async () => {
    const { tracer } = tracerWith(
      { HH_OTLP_ENDPOINT: backend.otlpHttpUrl, HH_OTLP_HEADERS: `Authorization=Bearer%20${API_KEY},x-team=blue,x-tier=env` },
      { apiKey: undefined },
    );
    emit(tracer, 'with-env-headers');
    await tracer.flush();
    const [request] = traceRequests();
    expect(request?.outcome).toBe('ok');
    expect(request?.apiKey).toBe(API_KEY);
    expect(request?.headers['x-team']).toBe('blue');
    expect(request?.headers['x-tier']).toBe('env');
  });

  it('explicit otlpHeaders win over HH_OTLP_HEADERS (the whole value: one setting, one source)', async () => {
    const { tracer } = tracerWith(
      { HH_OTLP_ENDPOINT: backend.otlpHttpUrl, HH_OTLP_HEADERS: `Authorization=Bearer%20${API_KEY},x-team=blue,x-tier=env` },
      { apiKey: undefined, otlpHeaders: { Authorization: `Bearer ${API_KEY}`, 'X-Tier': 'explicit' } },
    );
    emit(tracer, 'with-explicit-headers');
    await tracer.flush();
    const [request] = traceRequests();
    expect(request?.outcome).toBe('ok');
    expect(request?.headers['x-tier']).toBe('explicit');
    expect(request?.headers['x-team']).toBeUndefined();
  });

  it('HH_OTLP_PROTOCOL selects the encoding', async () => {
    const { tracer } = tracerWith({ HH_OTLP_PROTOCOL: 'http/json' });
    emit(tracer, 'json-by-env');
    await tracer.flush();
    expect((await backend.waitForSpans(1))[0]?.protocol).toBe('http/json');
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL selects the encoding when HH_OTLP_PROTOCOL is unset', async () => {
    const { tracer } = tracerWith(
      { HH_OTLP_ENDPOINT: backend.grpcUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' },
      { otlpHeaders: { authorization: `Bearer ${API_KEY}` } },
    );
    emit(tracer, 'grpc-by-otel-env');
    await tracer.flush();
    expect((await backend.waitForSpans(1))[0]?.protocol).toBe('grpc');
  });

  it('an HH_OTLP_ENDPOINT on another origin than serverUrl never gets the API key', async () => {
    const { tracer, logger } = tracerWith({ HH_OTLP_ENDPOINT: backend.grpcUrl, HH_OTLP_PROTOCOL: 'grpc' });
    emit(tracer, 'key-withheld');
    await tracer.flush();
    const request = await backend.waitFor(() => traceRequests()[0]);
    expect(request.apiKey).toBeUndefined();
    expect(logger.at('debug').some((line) => line.includes('API key is not sent'))).toBe(true);
  });

  it('HH_EXPORT_TIMEOUT bounds an export: a slower backend makes it fail, counted', async () => {
    await backend.faults.set({ kind: 'delay', ms: 2_500, count: 5 });
    const { tracer } = tracerWith({ HH_EXPORT_TIMEOUT: '0.3' });
    emit(tracer, 'too-slow');
    await tracer.flush();
    const stats = tracer.stats();
    expect(stats).toMatchObject({ exported: 0, failed: 1 });
    // The backend records the request only when its delay ends (usually as aborted: the client is gone). Waited
    // for here: left behind, that record would land among the next test's requests (reset() does not end a delay).
    await backend.waitFor(() => traceRequests().length > 0);
  });
});

describe('batch env knobs, end to end', () => {
  it('HH_BATCH_SIZE: a full batch leaves without waiting for the delay', async () => {
    const { tracer } = tracerWith({ HH_BATCH_SIZE: '2', HH_FLUSH_INTERVAL: '600' });
    emit(tracer, 'batched', 4);
    await backend.waitForSpans(4); // no flush: only full batches can have left
    expect(traceRequests().map((r) => r.spanCount)).toEqual([2, 2]);
  });

  it('HH_FLUSH_INTERVAL: a partial batch leaves after the interval', async () => {
    const { tracer } = tracerWith({ HH_FLUSH_INTERVAL: '0.05' });
    emit(tracer, 'timed');
    expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['timed']); // no flush
  });

  it('HH_DISABLE_BATCH: every span is its own request', async () => {
    const { tracer } = tracerWith({ HH_DISABLE_BATCH: 'yes', HH_FLUSH_INTERVAL: '600' });
    emit(tracer, 'single', 3);
    await backend.waitForSpans(3); // no flush
    expect(traceRequests().map((r) => r.spanCount)).toEqual([1, 1, 1]);
  });
});
