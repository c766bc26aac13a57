import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// A tracer configured for export only by the OpenTelemetry SDK variables (as behind an OpenTelemetry Collector,
// docs/collector.md) sends real OTLP to the endpoint they name, in each protocol. process.env is set per test and
// put back afterwards. serverUrl points the session calls at the local backend too, so nothing leaves this machine.

const API_KEY = 'hh-otel-env-key';
let backend: LocalBackend;
let saved: Record<string, string | undefined> = {};
const tracers: TestTracer[] = [];
const ours = (name: string) => name.startsWith('HH_') || name.startsWith('OTEL_');

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
beforeEach(() => {
  saved = {};
  for (const name of Object.keys(process.env)) {
    if (ours(name)) {
      saved[name] = process.env[name];
      delete process.env[name];
    }
  }
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  for (const name of Object.keys(process.env)) if (ours(name)) delete process.env[name];
  Object.assign(process.env, saved);
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

/** A tracer with no export option at all: only `env` (OTEL_* variables) says where and how spans go. */
function tracerWith(env: Record<string, string>): TestTracer {
  Object.assign(process.env, env);
  const tracer = new TestTracer({ serverUrl: backend.httpUrl, logger: collectingLogger(), registerGlobal: false, flushOnExit: false, disableHttpTracing: true });
  tracers.push(tracer);
  return tracer;
}

const auth = `authorization=Bearer%20${API_KEY}`;
const traceRequests = () => backend.requests().filter((r) => r.route === 'traces');

describe('a tracer configured only by OTEL_* variables', () => {
  it.each([['http/protobuf'], ['http/json']])('OTEL_EXPORTER_OTLP_ENDPOINT (+ v1/traces) in %s', async (protocol) => {
    const tracer = tracerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: backend.httpUrl, OTEL_EXPORTER_OTLP_PROTOCOL: protocol, OTEL_EXPORTER_OTLP_HEADERS: auth });
    tracer.startSpan(`otel-${protocol}`, () => undefined);
    await tracer.flush();
    const spans = await backend.waitForSpans(1);
    expect(spans.map((s) => [s.name, s.protocol])).toEqual([[`otel-${protocol}`, protocol]]);
    expect(traceRequests().map((r) => [r.path, r.outcome])).toEqual([['/v1/traces', 'ok']]);
    expect(tracer.stats()).toMatchObject({ exported: 1, failed: 0 });
  });

  it('OTEL_EXPORTER_OTLP_ENDPOINT in grpc', async () => {
    const tracer = tracerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: backend.grpcUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc', OTEL_EXPORTER_OTLP_HEADERS: auth });
    tracer.startSpan('otel-grpc', () => undefined);
    await tracer.flush();
    expect((await backend.waitForSpans(1)).map((s) => [s.name, s.protocol])).toEqual([['otel-grpc', 'grpc']]);
    expect(tracer.stats()).toMatchObject({ exported: 1, failed: 0 });
  });

  it('the signal-specific variables beat the generic ones (endpoint used as is, protocol, headers)', async () => {
    const tracer = tracerWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: `${backend.httpUrl}/generic`,
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: backend.otlpHttpUrl,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20wrong-key',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: `${auth},x-team=traces`,
    });
    tracer.startSpan('signal-specific', () => undefined);
    await tracer.flush();
    expect((await backend.waitForSpans(1)).map((s) => [s.name, s.protocol])).toEqual([['signal-specific', 'http/json']]);
    const requests = traceRequests();
    expect(requests.map((r) => [r.path, r.outcome, r.headers['x-team']])).toEqual([['/opentelemetry/v1/traces', 'ok', 'traces']]);
  });

  it('OTEL_BSP_*: a full batch leaves without waiting for the schedule delay (milliseconds)', async () => {
    const tracer = tracerWith({
      OTEL_EXPORTER_OTLP_ENDPOINT: backend.httpUrl,
      OTEL_EXPORTER_OTLP_HEADERS: auth,
      OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '2',
      OTEL_BSP_SCHEDULE_DELAY: '600000',
    });
    for (let i = 0; i < 4; i++) tracer.startSpan('bsp', () => undefined);
    await backend.waitForSpans(4); // no flush: only full batches can have left
    expect(traceRequests().map((r) => r.spanCount)).toEqual([2, 2]);
  });

  it('an API key given to the tracer is not sent to an OTEL endpoint on another origin', async () => {
    Object.assign(process.env, { HH_API_KEY: API_KEY });
    const tracer = tracerWith({ OTEL_EXPORTER_OTLP_ENDPOINT: backend.grpcUrl, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    tracer.startSpan('no-key', () => undefined);
    await tracer.flush();
    const request = await backend.waitFor(() => traceRequests()[0]);
    expect(request.apiKey).toBeUndefined();
  });

  it('OTEL_SDK_DISABLED=true: nothing is sent', async () => {
    // with a key, an enabled tracer would send both a session start and the span
    const tracer = tracerWith({ OTEL_SDK_DISABLED: 'true', HH_API_KEY: API_KEY, OTEL_EXPORTER_OTLP_ENDPOINT: backend.httpUrl });
    tracer.startSpan('disabled', () => undefined);
    await tracer.flush();
    expect(backend.requests()).toEqual([]);
  });
});
