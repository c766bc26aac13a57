import { context } from '@opentelemetry/api';
import { findTracer, getDefaultTracer, registeredTracers, setDefaultTracer } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

const make = (project: string) => new TestTracer({ testMode: true, project, logger: collectingLogger() });

afterEach(async () => {
  setDefaultTracer(undefined);
  await Promise.all(registeredTracers().map((t) => t.shutdown()));
  resetOtelGlobals();
});

describe('tracer registry', () => {
  it('makes the first tracer the default until another is set', () => {
    expect(getDefaultTracer()).toBeUndefined();
    const a = make('a');
    const b = make('b');
    expect(getDefaultTracer()).toBe(a);
    setDefaultTracer(b);
    expect(getDefaultTracer()).toBe(b);
    setDefaultTracer(undefined);
    expect(getDefaultTracer()).toBe(a);
  });

  it('finds the tracer whose scope the context is in, else the default', async () => {
    const a = make('a');
    const b = make('b');
    expect(findTracer()).toBe(a);
    b.startSpan('in-b', () => {
      expect(findTracer()).toBe(b);
      a.startSpan('in-a', () => expect(findTracer()).toBe(a));
      expect(findTracer()).toBe(b);
    });
    b.withSession({}, () => expect(findTracer()).toBe(b));
    expect(b.withDistributedContext({}, () => findTracer())).toBe(b);
    const ctx = b.extract({});
    expect(findTracer(ctx)).toBe(b);
    expect(findTracer(context.active())).toBe(a);
    await a.shutdown();
    // a shut-down tracer leaves the registry; the next one becomes the default
    expect(registeredTracers()).toEqual([b]);
    expect(getDefaultTracer()).toBe(b);
    a.startSpan('after', () => expect(findTracer()).toBe(b));
  });

  it('withSession scopes never leak into another tracer or outside the callback', async () => {
    const a = make('a');
    const b = make('b');
    await a.withSession({ sessionName: 'outer' }, async (outer) => {
      expect(a.currentSessionId()).toBe(outer);
      expect(b.currentSessionId()).toBe(b.sessionId);
      await new Promise((resolve) => setTimeout(resolve, 1));
      a.withSession({}, (inner) => {
        expect(inner).not.toBe(outer);
        expect(a.currentSessionId()).toBe(inner);
      });
      expect(a.currentSessionId()).toBe(outer);
      b.startSpan('b-span', () => undefined);
      a.startSpan('a-span', () => undefined);
    });
    expect(a.currentSessionId()).toBe(a.sessionId);
    await Promise.all([a.flush(), b.flush()]);
    expect(b.getTestSpans()[0]?.attributes['honeyhive.session_id']).toBe(b.sessionId);
    expect(a.getTestSpans()[0]?.attributes['honeyhive.session_id']).not.toBe(a.sessionId);
  });

  it('withSession joins a given session id and createSession resolves with the id', async () => {
    const a = make('a');
    const given = 'C0FFEE00-1234-4abc-8def-000000000001';
    expect(a.withSession({ sessionId: given }, (id) => id)).toBe(given.toLowerCase());
    await expect(a.createSession({ sessionName: 'background' })).resolves.toMatch(/^[0-9a-f-]{36}$/);
    expect(a.stats().sessionStarts.ok).toBeGreaterThanOrEqual(2);
  });
});
