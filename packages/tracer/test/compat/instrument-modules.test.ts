// npm honeyhive 1.x's instrumentModules, mapped onto bring-your-own instrumentation.
import type { TracerProvider } from '@opentelemetry/api';
import { HoneyHiveTracer } from '../../src';
import { recordingLogger, useCompatHarness } from './compat-harness';

const h = useCompatHarness();

/** A minimal instrumentation, shaped like OpenInference's / Traceloop's (structural). */
class FakeInstrumentation {
  provider: TracerProvider | undefined;
  enabled = false;
  patched: unknown[] = [];
  constructor(readonly instrumentationName: string) {}
  setTracerProvider(provider: TracerProvider) {
    this.provider = provider;
  }
  setMeterProvider() {}
  enable() {
    this.enabled = true;
  }
  disable() {
    this.enabled = false;
  }
  getConfig() {
    return { enabled: this.enabled }; // created disabled, so registration enables it
  }
  setConfig() {}
  manuallyInstrument(module: unknown) {
    this.patched.push(module);
    // patch the client as OpenInference / Traceloop do: each call becomes a span of the given provider
    const client = module as { prototype?: { complete?: (...args: unknown[]) => unknown } };
    const original = client.prototype?.complete;
    if (client.prototype === undefined || original === undefined) return;
    const instrumentation = this;
    client.prototype.complete = function (this: unknown, ...args: unknown[]) {
      const span = instrumentation.provider?.getTracer('fake').startSpan('openai.chat', { attributes: { 'gen_ai.request.model': 'fake-model' } });
      try {
        return original.apply(this, args);
      } finally {
        span?.end();
      }
    };
  }
}

class OpenAI {
  complete(prompt: string) {
    return `re: ${prompt}`;
  }
}
class Anthropic {}

describe('instrumentModules', () => {
  it('hands a module to the configured instrumentation whose name matches its key', async () => {
    const openai = new FakeInstrumentation('@arizeai/openinference-instrumentation-openai');
    const { lines, logger } = recordingLogger();
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', instrumentations: [openai], instrumentModules: { openAI: OpenAI }, logger }));
    expect(openai.provider).toBe(tracer.provider);
    expect(openai.enabled).toBe(true);
    expect(openai.patched).toEqual([OpenAI]);
    expect(lines.filter((line) => line.startsWith('warn:'))).toEqual([]);
    expect(new OpenAI().complete('hi')).toBe('re: hi');
    await tracer.flush();
    const [span] = await h.backend.waitForSpans(1);
    expect(span?.name).toBe('openai.chat');
    expect(span?.attributes).toMatchObject({ 'honeyhive.session_id': tracer.sessionId, honeyhive_event_type: 'model' });
  });

  it('registers an instrumentation given as a value of the map', async () => {
    const anthropic = new FakeInstrumentation('@traceloop/instrumentation-anthropic');
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', instrumentModules: { anthropic } }));
    expect(anthropic.provider).toBe(tracer.provider);
    expect(anthropic.enabled).toBe(true);
    await tracer.shutdown();
    expect(anthropic.enabled).toBe(false);
  });

  it('warns once, naming the keys and the fix, about modules nothing can instrument', async () => {
    const { lines, logger } = recordingLogger();
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'p', instrumentModules: { openAI: OpenAI, anthropic: Anthropic }, logger }));
    const warnings = lines.filter((line) => line.startsWith('warn:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('instrumentModules.openAI, instrumentModules.anthropic');
    expect(warnings[0]).toContain('instrumentations');
    expect(tracer.traceTool((x: number) => x)(1)).toBe(1); // the tracer works regardless
  });
});
