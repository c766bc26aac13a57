import { trace as otelTrace } from '@opentelemetry/api';
import { enrichSession, setDefaultTracerResolver } from '../src';
import type { EnrichSessionFields, TracerLike } from '../src';

type EnrichFn = NonNullable<TracerLike['enrichSession']>;

function tracerWith(enrich: EnrichFn | undefined, logger?: { debug: jest.Mock }): TracerLike {
  const tracer: TracerLike = {
    getTracer: () => otelTrace.getTracer('test'),
    captureOptions: logger ? { logger: { ...logger, info: jest.fn(), warn: jest.fn(), error: jest.fn() } } : undefined,
  };
  if (enrich !== undefined) tracer.enrichSession = enrich;
  return tracer;
}

afterEach(() => setDefaultTracerResolver(undefined));

describe('enrichSession', () => {
  const fields: EnrichSessionFields = { metadata: { tier: 'pro' }, outputs: { answer: 42 }, inputs: { q: 'why' } };

  it('resolves false without any tracer, and does not throw', async () => {
    await expect(enrichSession(fields)).resolves.toBe(false);
    await expect(enrichSession(fields, { sessionId: 'a3c1f9a4-6d43-4b8e-9a49-0e4d1f3c9b11' })).resolves.toBe(false);
  });

  it("calls the given tracer's enrichSession with the fields and the session id", async () => {
    const enrich = jest.fn(async () => ({ ok: true }));
    const sessionId = '5f0c2d2e-3b7a-4d8f-8c1e-2a9b6e4f7d10';
    await expect(enrichSession(fields, { tracer: tracerWith(enrich), sessionId })).resolves.toBe(true);
    expect(enrich).toHaveBeenCalledTimes(1);
    expect(enrich).toHaveBeenCalledWith(fields, sessionId);
  });

  it('leaves the session to the tracer when none is given (current scope or its own)', async () => {
    const enrich = jest.fn((..._args: unknown[]) => true);
    await enrichSession(fields, { tracer: tracerWith(enrich) });
    await enrichSession(fields, { tracer: tracerWith(enrich), sessionId: '' });
    expect(enrich.mock.calls.map((call) => call.length)).toEqual([1, 1]);
  });

  it('calls enrichSession as a method of the tracer', async () => {
    let receiver: unknown;
    const tracer = tracerWith(function (this: unknown) {
      receiver = this;
      return true;
    });
    await enrichSession(fields, { tracer });
    expect(receiver).toBe(tracer);
  });

  it('uses the default resolver when no tracer is given, and an explicit tracer over it', async () => {
    const viaResolver = jest.fn(() => true);
    const explicit = jest.fn(() => true);
    setDefaultTracerResolver(() => tracerWith(viaResolver));
    await expect(enrichSession(fields)).resolves.toBe(true);
    await enrichSession(fields, { tracer: tracerWith(explicit) });
    expect(viaResolver).toHaveBeenCalledTimes(1);
    expect(explicit).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['true', true, true],
    ['false', false, false],
    ['{ ok: true }', { ok: true }, true],
    ['{ ok: false }', { ok: false, error: new Error('404') }, false],
    ['undefined (void)', undefined, true],
  ])("maps the tracer's answer %s", async (_label, answer, expected) => {
    await expect(enrichSession(fields, { tracer: tracerWith(() => answer) })).resolves.toBe(expected);
    await expect(enrichSession(fields, { tracer: tracerWith(async () => answer) })).resolves.toBe(expected);
  });

  it('resolves false for a tracer that cannot enrich sessions', async () => {
    await expect(enrichSession(fields, { tracer: tracerWith(undefined) })).resolves.toBe(false);
  });

  it('resolves false, and reports at debug, when the tracer throws or rejects', async () => {
    const logger = { debug: jest.fn() };
    const throwing = tracerWith(() => {
      throw new Error('sync boom');
    }, logger);
    const rejecting = tracerWith(() => Promise.reject(new Error('async boom')), logger);
    await expect(enrichSession(fields, { tracer: throwing })).resolves.toBe(false);
    await expect(enrichSession(fields, { tracer: rejecting })).resolves.toBe(false);
    expect(logger.debug.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/enrichSession failed: sync boom/),
      expect.stringMatching(/enrichSession failed: async boom/),
    ]);
  });

  it('does not call the tracer when the fields are not an object', async () => {
    const enrich = jest.fn(() => true);
    for (const bad of [null, undefined, 'text', 3]) {
      await expect(enrichSession(bad as never, { tracer: tracerWith(enrich) })).resolves.toBe(false);
    }
    expect(enrich).not.toHaveBeenCalled();
  });

  it('does not change the fields it is given', async () => {
    const given = { metadata: { nested: { a: 1 } }, outputs: 'plain' };
    const snapshot = JSON.parse(JSON.stringify(given));
    await enrichSession(given, { tracer: tracerWith(() => true) });
    expect(given).toEqual(snapshot);
  });
});
