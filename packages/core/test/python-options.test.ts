import { resolveTracerConfig } from '@honeyhive/core';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals, type CollectingLogger } from './helpers/test-tracer';

// The Python SDK options that were ignored as unknown: each has its TypeScript meaning (span limits, a span-size
// budget, prefix filters, no session start, no export) or is accepted without effect and says why in verbose mode.
// Real OTLP to the local backend.

const API_KEY = 'hh-python-options-key';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

function tracerWith(options: Record<string, unknown>): { tracer: TestTracer; logger: CollectingLogger } {
  const logger = collectingLogger();
  const tracer = new TestTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    logger,
    verbose: true,
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    ...options,
  } as ConstructorParameters<typeof TestTracer>[0]);
  tracers.push(tracer);
  return { tracer, logger };
}

const PYTHON_OPTIONS = {
  link_carrier: { traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' },
  requests_session: {},
  span_name_filters: { include: [{ type: 'prefix', value: 'llm.' }] },
  max_events: 3,
  max_links: 2,
  max_span_size: 4096,
  preserve_core_attributes: true,
  skip_backend_session_creation: true,
  otlp_enabled: false,
  cache_enabled: true,
};

describe('the Python SDK options', () => {
  it('are all accepted (no unknown-option problem) and mapped', () => {
    const { config, problems } = resolveTracerConfig({ testMode: true, ...PYTHON_OPTIONS } as never, {});
    expect(problems).toEqual([]);
    expect(config).toMatchObject({ maxEvents: 3, maxLinks: 2, maxSpanSize: 4096, skipBackendSessionCreation: true, otlpEnabled: false, preserveCoreAttributes: true });
    expect(config.spanNameFilters).toEqual({ include: [{ type: 'prefix', value: 'llm.' }], exclude: [] });
  });

  it('the inert ones say why in verbose mode (notices)', () => {
    const { notices } = resolveTracerConfig({ testMode: true, requests_session: {}, cache_enabled: true, link_carrier: {}, preserve_core_attributes: false } as never, {});
    const said = notices.filter((notice) => notice.message.includes('has no effect')).map((notice) => notice.field);
    expect(said.sort()).toEqual(['cacheEnabled', 'linkCarrier', 'preserveCoreAttributes', 'requestsSession']);
  });

  it('HH_MAX_EVENTS, HH_MAX_LINKS, HH_MAX_SPAN_SIZE and HH_OTLP_ENABLED are read', () => {
    const env = { HH_MAX_EVENTS: '5', HH_MAX_LINKS: '6', HH_MAX_SPAN_SIZE: '2048', HH_OTLP_ENABLED: 'false' };
    expect(resolveTracerConfig({ testMode: true }, env).config).toMatchObject({ maxEvents: 5, maxLinks: 6, maxSpanSize: 2048, otlpEnabled: false });
  });

  it('a malformed span_name_filters is a problem naming the field', () => {
    const { problems } = resolveTracerConfig({ testMode: true, span_name_filters: { include: [{ type: 'regex', value: 'x' }] } } as never, {});
    expect(problems.map((problem) => problem.field)).toEqual(['spanNameFilters']);
  });
});

describe('their behaviour, end to end', () => {
  it('max_events / max_links limit the events and links of a span', async () => {
    const { tracer } = tracerWith({ max_events: 3, max_links: 2 });
    const link = { context: { traceId: '0af7651916cd43dd8448eb211c80319c', spanId: 'b7ad6b7169203331', traceFlags: 1 } };
    const span = tracer.getTracer().startSpan('limited', { links: [link, link, link, link] });
    for (let i = 0; i < 10; i++) span.addEvent(`event-${i}`);
    span.end();
    await tracer.flush();
    const [received] = await backend.waitForSpans(1);
    expect([received?.events.length, received?.droppedEventsCount, received?.links.length, received?.droppedLinksCount]).toEqual([3, 7, 2, 2]);
  });

  it('max_span_size: a span above the budget is not exported, counted too_large', async () => {
    const { tracer } = tracerWith({ max_span_size: 4096 });
    tracer.getTracer().startSpan('small').end();
    const big = tracer.getTracer().startSpan('big');
    big.setAttribute('payload', 'x'.repeat(20_000));
    big.end();
    await tracer.flush();
    expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['small']);
    expect(tracer.stats()).toMatchObject({ exported: 1, dropped: expect.objectContaining({ too_large: 1 }) });
  });

  it('span_name_filters (prefix form): include and exclude', async () => {
    const { tracer } = tracerWith({ span_name_filters: { include: [{ type: 'prefix', value: 'llm.' }], exclude: [{ type: 'prefix', value: 'llm.internal' }] } });
    for (const name of ['llm.chat', 'llm.internal.retry', 'db.query', 'xllm.chat']) tracer.getTracer().startSpan(name).end();
    await tracer.flush();
    expect((await backend.waitForSpans(1)).map((s) => s.name)).toEqual(['llm.chat']);
    expect(tracer.stats().dropped.filtered).toBe(3);
  });

  it('skip_backend_session_creation: no session-start request; spans still exported with the session id', async () => {
    const { tracer } = tracerWith({ skip_backend_session_creation: true });
    tracer.getTracer().startSpan('no-session-call').end();
    await tracer.flush();
    const [span] = await backend.waitForSpans(1);
    expect(span?.attributes['honeyhive.session_id']).toBe(tracer.sessionId);
    expect(backend.requests().filter((r) => r.route === 'sessions')).toEqual([]);
  });

  it('otlp_enabled=false: no span leaves, each is counted as failed; the session call still goes out', async () => {
    const { tracer } = tracerWith({ otlp_enabled: false });
    tracer.getTracer().startSpan('not-exported').end();
    await tracer.flush();
    await backend.waitFor(() => backend.requests().find((r) => r.route === 'sessions'));
    expect(backend.requests().filter((r) => r.route === 'traces')).toEqual([]);
    expect(tracer.stats()).toMatchObject({ exported: 0, failed: 1 });
  });
});
