import { context, propagation, trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import {
  detectGlobalProvider,
  ensureGlobalContextAndPropagation,
  registerGlobalProvider,
  shouldRegisterGlobalProvider,
} from '@honeyhive/integration';

function resetGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
}

beforeEach(resetGlobals);
afterAll(resetGlobals);

describe('detectGlobalProvider', () => {
  it('reports none when nothing is registered', () => {
    expect(detectGlobalProvider()).toEqual({ kind: 'none' });
    expect(shouldRegisterGlobalProvider()).toBe(true);
  });

  it('reports a user NodeTracerProvider registered with provider.register() as sdk', () => {
    const users = new NodeTracerProvider();
    users.register();
    expect(detectGlobalProvider()).toEqual({ kind: 'sdk', provider: users });
  });

  it('reports a provider set with trace.setGlobalTracerProvider as sdk', () => {
    const users = new BasicTracerProvider();
    trace.setGlobalTracerProvider(users);
    expect(detectGlobalProvider().kind).toBe('sdk');
    expect(detectGlobalProvider().provider).toBe(users);
  });

  it('reports a non-SDK provider as other', () => {
    const custom: TracerProvider = { getTracer: () => trace.getTracer('noop') };
    trace.setGlobalTracerProvider(custom);
    expect(detectGlobalProvider()).toEqual({ kind: 'other', provider: custom });
  });
});

describe('shouldRegisterGlobalProvider', () => {
  it('is false when the user opted out, even with nothing registered', () => {
    expect(shouldRegisterGlobalProvider({ registerGlobal: false })).toBe(false);
    expect(shouldRegisterGlobalProvider({ registerGlobal: true })).toBe(true);
  });

  it('is false when a provider is already registered', () => {
    new NodeTracerProvider().register();
    expect(shouldRegisterGlobalProvider()).toBe(false);
  });
});

describe('registerGlobalProvider', () => {
  it('registers ours when none exists', () => {
    const ours = new BasicTracerProvider();
    expect(registerGlobalProvider(ours)).toBe(true);
    expect(detectGlobalProvider()).toEqual({ kind: 'sdk', provider: ours });
  });

  it('does not hijack a user provider', () => {
    const users = new NodeTracerProvider();
    users.register();
    const ours = new BasicTracerProvider();
    expect(registerGlobalProvider(ours)).toBe(false);
    expect(detectGlobalProvider().provider).toBe(users);
    expect((trace.getTracerProvider() as unknown as { getDelegate(): TracerProvider }).getDelegate()).toBe(users);
  });

  it('lets only the first of two tracers win', () => {
    const first = new BasicTracerProvider();
    const second = new BasicTracerProvider();
    expect(registerGlobalProvider(first)).toBe(true);
    expect(registerGlobalProvider(second)).toBe(false);
    expect(registerGlobalProvider(first)).toBe(true);
    expect(detectGlobalProvider().provider).toBe(first);
  });
});

describe('ensureGlobalContextAndPropagation', () => {
  it('installs an AsyncLocalStorage context manager and W3C propagators when absent, once', () => {
    expect(propagation.fields()).toEqual([]);
    expect(ensureGlobalContextAndPropagation()).toEqual({ contextManagerInstalled: true, propagatorInstalled: true });
    expect(propagation.fields()).toEqual(expect.arrayContaining(['traceparent', 'tracestate', 'baggage']));
    expect(ensureGlobalContextAndPropagation()).toEqual({ contextManagerInstalled: false, propagatorInstalled: false });
  });

  it('propagates context across await with the installed manager', async () => {
    ensureGlobalContextAndPropagation();
    const key = Symbol('k');
    const seen = await context.with(context.active().setValue(key, 'v'), async () => {
      await new Promise((resolve) => setImmediate(resolve));
      return context.active().getValue(key);
    });
    expect(seen).toBe('v');
  });

  it('keeps the context manager and propagator a user provider registered', () => {
    new NodeTracerProvider().register({ propagator: new OnlyBaggageLikePropagator() });
    expect(ensureGlobalContextAndPropagation()).toEqual({ contextManagerInstalled: false, propagatorInstalled: false });
    expect(propagation.fields()).toEqual(['x-custom']);
  });
});

class OnlyBaggageLikePropagator {
  inject(): void {}
  extract<T>(ctx: T): T {
    return ctx;
  }
  fields(): string[] {
    return ['x-custom'];
  }
}
