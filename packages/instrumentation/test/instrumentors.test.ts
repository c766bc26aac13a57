import { trace as otelTrace } from '@opentelemetry/api';
import { InstrumentationBase, isWrapped } from '@opentelemetry/instrumentation';
import type { InstrumentationModuleDefinition } from '@opentelemetry/instrumentation';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { registerInstrumentors } from '../src';
import type { InstrumentationLike } from '../src';

/** A library an instrumentation patches: one method, so patching and unpatching are visible. */
interface Greeter {
  greet(name: string): string;
}

/** A real `InstrumentationBase` that wraps `target.greet` with a span, as contrib instrumentations do. */
function greeterInstrumentation(target: Greeter, name = 'test-greeter'): InstrumentationBase {
  class GreeterInstrumentation extends InstrumentationBase {
    constructor() {
      super(name, '1.0.0', { enabled: false });
    }
    protected init(): InstrumentationModuleDefinition[] {
      return [];
    }
    override enable(): void {
      super.enable();
      const instrumentation = this;
      this._wrap(target, 'greet', (original: Greeter['greet']) =>
        function greet(this: Greeter, who: string) {
          const span = instrumentation.tracer.startSpan('greet');
          try {
            return original.call(this, who);
          } finally {
            span.end();
          }
        },
      );
    }
    override disable(): void {
      super.disable();
      if (isWrapped(target.greet)) this._unwrap(target, 'greet');
    }
  }
  return new GreeterInstrumentation();
}

function memoryProvider(): { provider: NodeTracerProvider; exporter: InMemorySpanExporter } {
  const exporter = new InMemorySpanExporter();
  return { exporter, provider: new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }) };
}

function recordingLogger() {
  return { debug: jest.fn(), info: jest.fn(), warn: jest.fn(), error: jest.fn() };
}

const greeter = (): Greeter => ({ greet: (who: string) => `hello ${who}` });

let global: ReturnType<typeof memoryProvider>;

beforeEach(() => {
  global = memoryProvider();
  otelTrace.setGlobalTracerProvider(global.provider);
});
afterEach(async () => {
  otelTrace.disable();
  await global.provider.shutdown();
});

describe('registerInstrumentors', () => {
  it("binds instrumentations to the tracer's provider, not the global one", async () => {
    const own = memoryProvider();
    const target = greeter();
    const unregister = registerInstrumentors({ provider: own.provider }, [greeterInstrumentation(target)]);

    expect(target.greet('ada')).toBe('hello ada');
    expect(own.exporter.getFinishedSpans().map((span) => span.name)).toEqual(['greet']);
    expect(own.exporter.getFinishedSpans()[0]?.instrumentationScope.name).toBe('test-greeter');
    expect(global.exporter.getFinishedSpans()).toHaveLength(0);
    unregister();
    await own.provider.shutdown();
  });

  it('keeps two tracers apart: each instrumentation reports to its own provider', async () => {
    const first = memoryProvider();
    const second = memoryProvider();
    const a = greeter();
    const b = greeter();
    const undoA = registerInstrumentors({ provider: first.provider }, [greeterInstrumentation(a, 'a')]);
    const undoB = registerInstrumentors({ provider: second.provider }, [greeterInstrumentation(b, 'b')]);

    a.greet('x');
    b.greet('y');
    b.greet('z');
    expect(first.exporter.getFinishedSpans().map((span) => span.instrumentationScope.name)).toEqual(['a']);
    expect(second.exporter.getFinishedSpans().map((span) => span.instrumentationScope.name)).toEqual(['b', 'b']);
    undoA();
    undoB();
    await Promise.all([first.provider.shutdown(), second.provider.shutdown()]);
  });

  it('returns an unregister function that disables what it enabled, once', async () => {
    const own = memoryProvider();
    const target = greeter();
    const original = target.greet;
    const unregister = registerInstrumentors({ provider: own.provider }, [greeterInstrumentation(target)]);
    expect(target.greet).not.toBe(original);

    unregister();
    expect(target.greet).toBe(original);
    expect(target.greet('bo')).toBe('hello bo');
    expect(own.exporter.getFinishedSpans()).toHaveLength(0);
    expect(() => unregister()).not.toThrow();
    await own.provider.shutdown();
  });

  it('flattens nested lists, as registerInstrumentations does', async () => {
    const own = memoryProvider();
    const a = greeter();
    const b = greeter();
    const unregister = registerInstrumentors({ provider: own.provider }, [
      greeterInstrumentation(a, 'a'),
      [greeterInstrumentation(b, 'b')],
    ]);
    a.greet('1');
    b.greet('2');
    expect(own.exporter.getFinishedSpans().map((span) => span.instrumentationScope.name)).toEqual(['a', 'b']);
    unregister();
    await own.provider.shutdown();
  });

  it('skips and reports broken instrumentations, and registers the others', async () => {
    const own = memoryProvider();
    const target = greeter();
    const logger = recordingLogger();
    const throwing: InstrumentationLike = {
      instrumentationName: 'explodes',
      setTracerProvider() {
        throw new Error('boom');
      },
      setMeterProvider: jest.fn(),
      enable: jest.fn(),
      disable: jest.fn(),
      getConfig: () => ({ enabled: false }),
    };
    const notAnInstrumentation = { instrumentationName: 'half' } as unknown as InstrumentationLike;

    let unregister: (() => void) | undefined;
    expect(() => {
      unregister = registerInstrumentors(
        { provider: own.provider },
        [throwing, notAnInstrumentation, null as unknown as InstrumentationLike, greeterInstrumentation(target)],
        { logger },
      );
    }).not.toThrow();

    target.greet('still works');
    expect(own.exporter.getFinishedSpans()).toHaveLength(1);
    const warnings = logger.warn.mock.calls.map((call) => String(call[0]));
    expect(warnings).toHaveLength(3);
    expect(warnings[0]).toMatch(/skipped explodes: boom/);
    expect(warnings[1]).toMatch(/skipped half: it has no setTracerProvider\(\)/);
    expect(warnings[2]).toMatch(/skipped instrumentations\[2\]: it is not an object/);
    expect(throwing.disable).toHaveBeenCalledTimes(1);
    unregister?.();
    await own.provider.shutdown();
  });

  it('registers nothing, and does not touch the global provider, when the tracer has no provider', () => {
    const target = greeter();
    const original = target.greet;
    const logger = recordingLogger();
    const unregister = registerInstrumentors({ provider: undefined }, [greeterInstrumentation(target)], { logger });

    expect(target.greet).toBe(original);
    target.greet('nobody');
    expect(global.exporter.getFinishedSpans()).toHaveLength(0);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/has no provider/));
    expect(() => unregister()).not.toThrow();
  });

  it('never throws on hostile input', () => {
    const hostileTracer = Object.defineProperty({}, 'provider', {
      get() {
        throw new Error('no');
      },
    });
    expect(() => registerInstrumentors(hostileTracer, [])()).not.toThrow();
    expect(() => registerInstrumentors(null as never, null as never)()).not.toThrow();
    expect(() => registerInstrumentors({ provider: memoryProvider().provider }, null as never)()).not.toThrow();
  });

  it('reports a disable that throws at unregister time, and still disables the rest', async () => {
    const own = memoryProvider();
    const target = greeter();
    const logger = recordingLogger();
    const stubborn: InstrumentationLike = {
      instrumentationName: 'stubborn',
      setTracerProvider: jest.fn(),
      setMeterProvider: jest.fn(),
      enable: jest.fn(),
      disable() {
        throw new Error('cannot');
      },
      getConfig: () => ({ enabled: true }),
    };
    const original = target.greet;
    const unregister = registerInstrumentors({ provider: own.provider }, [stubborn, greeterInstrumentation(target)], {
      logger,
    });
    expect(stubborn.setTracerProvider).toHaveBeenCalledWith(own.provider);
    expect(() => unregister()).not.toThrow();
    expect(target.greet).toBe(original);
    expect(logger.warn).toHaveBeenCalledWith(expect.stringMatching(/disabling an instrumentation failed: cannot/));
    await own.provider.shutdown();
  });
});
