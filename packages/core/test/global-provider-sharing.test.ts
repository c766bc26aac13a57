import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals, type CollectingLogger } from './helpers/test-tracer';

// Sharing the global OpenTelemetry provider with a user's provider, third-party code and later tracers.
const API_KEY = 'hh-sharing-test-key';
let backend: LocalBackend;
const created: Array<{ shutdown(): Promise<unknown> }> = [];

function tracer(project: string, logger: CollectingLogger = collectingLogger()): TestTracer {
  const t = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project, logger, flushOnExit: false, disableHttpTracing: true });
  created.push(t);
  return t;
}

function globalDelegate(): unknown {
  return (trace.getTracerProvider() as { getDelegate?: () => unknown }).getDelegate?.();
}

async function projectsOf(count: number): Promise<Record<string, unknown>> {
  const spans = await backend.waitForSpans(count);
  return Object.fromEntries(spans.map((s) => [s.name, s.attributes['honeyhive.project']]));
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
beforeEach(() => resetOtelGlobals());
afterEach(async () => {
  await Promise.all(created.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

describe('sharing the global provider', () => {
  it("a user's provider registered after the tracer is refused loudly, in one line naming registerGlobal: false", () => {
    const logger = collectingLogger();
    const t = tracer('refused', logger);
    expect(globalDelegate()).toBe(t.provider);
    const userProvider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    created.push(userProvider);
    userProvider.register();
    userProvider.register();
    const loud = [...logger.at('warn'), ...logger.at('error')].filter((line) => line.includes('registerGlobal: false'));
    expect(loud).toHaveLength(1);
    expect(loud[0]).toMatch(/register\(\) because a HoneyHive tracer is already the global provider/);
    expect(loud[0]).not.toContain('\n');
  });

  it('when the global tracer shuts down, a live tracer takes over the spans of the global API', async () => {
    // taken at load, before any provider (OpenTelemetry hands out the provider's own tracer once one is set)
    const held = trace.getTracer('third-party-held');
    const first = tracer('first');
    const second = tracer('second');
    expect(globalDelegate()).toBe(first.provider);
    // taken while first was global: OpenTelemetry hands out first's own tracer, which cannot follow
    const bound = trace.getTracer('third-party-bound');
    await first.shutdown();
    expect(globalDelegate()).toBe(second.provider);
    held.startSpan('held-after-shutdown').end();
    trace.getTracer('third-party-new').startSpan('new-after-shutdown').end();
    bound.startSpan('bound-after-shutdown').end();
    await second.flush();
    expect(await projectsOf(2)).toEqual({ 'held-after-shutdown': 'second', 'new-after-shutdown': 'second' });
    expect(first.stats().droppedAfterShutdown).toBe(1); // counted, not lost silently
  });

  it('with no live tracer left, the global is released: a new tracer takes over, or a user provider registers', async () => {
    const held = trace.getTracer('third-party-held');
    const first = tracer('first');
    await first.shutdown();
    const later = tracer('later');
    expect(globalDelegate()).toBe(later.provider);
    held.startSpan('held-after-restart').end();
    await later.flush();
    expect(await projectsOf(1)).toEqual({ 'held-after-restart': 'later' });

    await later.shutdown();
    const userExporter = new InMemorySpanExporter();
    const userProvider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(userExporter)] });
    created.push(userProvider);
    userProvider.register();
    expect(globalDelegate()).toBe(userProvider);
    trace.getTracer('user').startSpan('user-span').end();
    expect(userExporter.getFinishedSpans().map((s) => s.name)).toEqual(['user-span']);
  });
});
