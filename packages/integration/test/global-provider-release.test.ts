import { context, diag, DiagLogLevel, propagation, trace } from '@opentelemetry/api';
import type { DiagLogger } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { detectGlobalProvider, registerGlobalProvider, releaseGlobalProvider, watchRefusedTraceRegistration } from '@honeyhive/integration';

function resetGlobals(): void {
  trace.disable();
  context.disable();
  propagation.disable();
  diag.disable();
}

beforeEach(resetGlobals);
afterAll(resetGlobals);

describe('releaseGlobalProvider', () => {
  it('hands the global over to a successor, keeping the API proxy (its tracers follow)', () => {
    const first = new BasicTracerProvider();
    const second = new BasicTracerProvider();
    const proxy = trace.getTracerProvider();
    expect(registerGlobalProvider(first)).toBe(true);
    expect(releaseGlobalProvider(first, second)).toBe('handed-over');
    expect(trace.getTracerProvider()).toBe(proxy);
    expect(detectGlobalProvider().provider).toBe(second);
  });

  it('with no successor, releases the global so another provider can register; earlier proxies follow the next one', () => {
    const first = new BasicTracerProvider();
    const held = trace.getTracer('held'); // a proxy tracer, unbound
    expect(registerGlobalProvider(first)).toBe(true);
    expect(releaseGlobalProvider(first)).toBe('released');
    expect(detectGlobalProvider()).toEqual({ kind: 'none' });
    const next = new BasicTracerProvider();
    expect(registerGlobalProvider(next)).toBe(true);
    expect(held.startSpan('s').isRecording()).toBe(true);
  });

  it('leaves a provider that is not the global one alone', () => {
    const users = new NodeTracerProvider();
    users.register();
    expect(releaseGlobalProvider(new BasicTracerProvider())).toBe('not-global');
    expect(detectGlobalProvider().provider).toBe(users);
  });
});

describe('watchRefusedTraceRegistration', () => {
  it('calls the listener when a register() is refused, and the diag logger set before keeps every message', () => {
    const seen: string[] = [];
    const userLogger: DiagLogger = {
      error: (m: string) => seen.push(`error ${m.split('\n')[0]}`),
      warn: (m: string) => seen.push(`warn ${m}`),
      info: () => undefined,
      debug: () => undefined,
      verbose: () => undefined,
    };
    diag.setLogger(userLogger, DiagLogLevel.WARN);
    let refused = 0;
    const stop = watchRefusedTraceRegistration(() => (refused += 1));
    diag.warn('still the user logger');
    expect(registerGlobalProvider(new BasicTracerProvider())).toBe(true);
    new NodeTracerProvider().register();
    expect(refused).toBe(1);
    expect(seen).toEqual(['warn still the user logger', expect.stringContaining('Attempted duplicate registration of API: trace')]);
    stop();
    new NodeTracerProvider().register();
    expect(refused).toBe(1);
  });
});
