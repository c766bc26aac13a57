import { context, propagation, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

const API_KEY = 'hh-global-test-key';
let backend: LocalBackend;
const created: Array<{ shutdown(): Promise<unknown> }> = [];

function tracer(options: ConstructorParameters<typeof TestTracer>[0] = {}): TestTracer {
  const t = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, project: 'global', logger: collectingLogger(), ...options });
  created.push(t);
  return t;
}

/** The provider the global API delegates to (the API always hands out its proxy). */
function globalDelegate(): unknown {
  const proxy = trace.getTracerProvider() as { getDelegate?: () => unknown };
  return proxy.getDelegate?.();
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

describe('global provider policy', () => {
  it('the first tracer registers globally only when none exists; the second attaches nothing global', async () => {
    const first = tracer();
    expect(globalDelegate()).toBe(first.provider);
    const second = tracer({ project: 'second' });
    expect(globalDelegate()).toBe(first.provider);
    expect(second.provider).not.toBe(first.provider);
    // context manager and W3C propagators were installed once
    expect(propagation.fields()).toEqual(expect.arrayContaining(['traceparent', 'baggage']));
    trace.getTracer('third-party').startSpan('via-global').end();
    second.startSpan('via-second', () => undefined);
    await Promise.all([first.flush(), second.flush()]);
    const spans = await backend.waitForSpans(2);
    const project = Object.fromEntries(spans.map((s) => [s.name, s.attributes['honeyhive.project']]));
    expect(project).toEqual({ 'via-global': 'global', 'via-second': 'second' });
  });

  it('registerGlobal: false leaves the global provider alone', () => {
    const t = tracer({ registerGlobal: false });
    expect(globalDelegate()).not.toBe(t.provider);
    expect(trace.getTracer('x').startSpan('noop').isRecording()).toBe(false);
  });

  it("never replaces a user's provider, and still exports its own spans", async () => {
    const userExporter = new InMemorySpanExporter();
    const userProvider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(userExporter)] });
    userProvider.register();
    created.push(userProvider);
    const t = tracer();
    expect(globalDelegate()).toBe(userProvider);

    trace.getTracer('user').startSpan('user-span').end();
    t.startSpan('ours', () => undefined);
    await t.flush();
    const spans = await backend.waitForSpans(1);
    expect(spans.map((s) => s.name)).toEqual(['ours']);
    expect(userExporter.getFinishedSpans().map((s) => s.name)).toEqual(['user-span']);
    // the user's context manager is kept: our span still nests under the user's active span
    const outer = trace.getTracer('user').startSpan('user-outer');
    context.with(trace.setSpan(context.active(), outer), () => t.startSpan('nested', () => undefined));
    outer.end();
    await t.flush();
    const nested = (await backend.waitForSpans(2)).find((s) => s.name === 'nested');
    expect(nested?.parentSpanId).toBe(outer.spanContext().spanId);
  });

  it('a disabled tracer touches nothing global and is a working no-op', async () => {
    const t = tracer({ disableTracing: true });
    expect(globalDelegate()).not.toBe(t.provider);
    const value = { ok: true };
    expect(t.startSpan('nothing', () => value)).toBe(value);
    expect(t.getTracer().startSpan('x').isRecording()).toBe(false);
    expect(await t.flush(30_000)).toBe(true);
    expect(t.stats()).toMatchObject({ mode: 'disabled', started: 0, exported: 0 });
    expect(backend.requests()).toEqual([]);
  });
});
