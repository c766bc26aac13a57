import { ROOT_CONTEXT, createContextKey, type Context } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { SpanStamp } from '../src';
import { OTHER_SESSION, SESSION, memoryPipeline, withBaggage } from './helpers/tracing';

// The processor caches what it resolves per (own scope object, baggage object). These tests check that
// the cache never hands one context's stamp to another, and that it is bypassed where it could be stale.

const SCOPE = createContextKey('test scope');
const THIRD_SESSION = '0b9f5c1e-7d2a-4e6b-8c3f-1a2b3c4d5e6f';

function scoped(scope: SpanStamp, base: Context = ROOT_CONTEXT): Context {
  return base.setValue(SCOPE, scope);
}

function stamps(span: ReadableSpan): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (key.startsWith('honeyhive.') || key.startsWith('honeyhive_metadata.') || key.startsWith('baggage.') || key.startsWith('traceloop.')) out[key] = value;
  }
  return out;
}

const resolveStamp = (ctx: Context) => ctx.getValue(SCOPE) as SpanStamp | undefined;

describe('stamp cache', () => {
  it('gives each baggage its own values, in any order and repeatedly', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: Object.freeze({ sessionId: SESSION }) });
    const a = withBaggage({ run_id: 'run-a', tenant: 'a' });
    const b = withBaggage({ run_id: 'run-b', tenant: 'b' });
    for (const [name, ctx] of [['a1', a], ['b1', b], ['none', ROOT_CONTEXT], ['a2', a], ['b2', b]] as const) {
      tracer.startSpan(name, {}, ctx).end();
    }
    const byName = new Map((await spans()).map((span) => [span.name, stamps(span)]));
    for (const name of ['a1', 'a2']) expect(byName.get(name)).toMatchObject({ 'honeyhive_metadata.run_id': 'run-a', 'baggage.tenant': 'a' });
    for (const name of ['b1', 'b2']) expect(byName.get(name)).toMatchObject({ 'honeyhive_metadata.run_id': 'run-b', 'baggage.tenant': 'b' });
    expect(byName.get('none')).not.toHaveProperty(['baggage.tenant']);
    expect(byName.get('none')).not.toHaveProperty(['honeyhive_metadata.run_id']);
    expect(byName.get('a2')).toEqual(byName.get('a1'));
  });

  it('gives each frozen scope object its own session, also with the same baggage', async () => {
    const { tracer, spans } = memoryPipeline({ resolveStamp, defaults: Object.freeze({ sessionId: SESSION }) });
    const bag = withBaggage({ tenant: 't' });
    const first = scoped(Object.freeze({ sessionId: OTHER_SESSION }), bag);
    const second = scoped(Object.freeze({ sessionId: THIRD_SESSION }), bag);
    tracer.startSpan('first', {}, first).end();
    tracer.startSpan('second', {}, second).end();
    tracer.startSpan('default', {}, bag).end();
    tracer.startSpan('first-again', {}, first).end();
    const session = new Map((await spans()).map((span) => [span.name, span.attributes['honeyhive.session_id']]));
    expect(Object.fromEntries(session)).toEqual({ first: OTHER_SESSION, second: THIRD_SESSION, default: SESSION, 'first-again': OTHER_SESSION });
  });

  it('re-reads a scope object that is not frozen (it may change between spans)', async () => {
    const { tracer, spans } = memoryPipeline({ resolveStamp, defaults: Object.freeze({ sessionId: SESSION }) });
    const scope: SpanStamp = { sessionId: OTHER_SESSION };
    const ctx = scoped(scope);
    tracer.startSpan('before', {}, ctx).end();
    scope.sessionId = THIRD_SESSION;
    tracer.startSpan('after', {}, ctx).end();
    const session = new Map((await spans()).map((span) => [span.name, span.attributes['honeyhive.session_id']]));
    expect(session.get('before')).toBe(OTHER_SESSION);
    expect(session.get('after')).toBe(THIRD_SESSION);
  });

  it('re-reads defaults that are not frozen (no caching at all then)', async () => {
    const defaults: SpanStamp = { sessionId: SESSION, project: 'one' };
    const { tracer, spans } = memoryPipeline({ defaults });
    tracer.startSpan('before').end();
    defaults.project = 'two';
    tracer.startSpan('after').end();
    const project = new Map((await spans()).map((span) => [span.name, span.attributes['honeyhive.project']]));
    expect(project.get('before')).toBe('one');
    expect(project.get('after')).toBe('two');
  });

  it('keeps the wire order: the dot family first, then the traceloop twins, then baggage', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: Object.freeze({ sessionId: SESSION, project: 'p', source: 's' }) });
    tracer.startSpan('ordered', {}, withBaggage({ tenant: 't' })).end();
    const [span] = await spans();
    expect(Object.keys(stamps(span as ReadableSpan))).toEqual([
      'honeyhive.session_id',
      'honeyhive.project',
      'honeyhive.source',
      'traceloop.association.properties.session_id',
      'traceloop.association.properties.project',
      'traceloop.association.properties.source',
      'baggage.tenant',
    ]);
  });

  it('notes an ignored baggage session id on every span, not only the first', async () => {
    // only Date is faked: the rate-limited log then lets the second note through a minute later
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'setTimeout', 'setInterval', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'performance'] });
    try {
      const debug = jest.fn();
      const logger = { debug, info: jest.fn(), warn: jest.fn(), error: jest.fn() };
      const { tracer, spans } = memoryPipeline({ logger, defaults: Object.freeze({ sessionId: SESSION }) });
      const bad = withBaggage({ session_id: 'not-a-uuid' });
      tracer.startSpan('one', {}, bad).end();
      jest.setSystemTime(Date.now() + 61_000);
      tracer.startSpan('two', {}, bad).end();
      const exported = await spans();
      expect(exported.map((span) => span.attributes['honeyhive.session_id'])).toEqual([SESSION, SESSION]);
      const notes = debug.mock.calls.map((call) => String(call[0])).filter((line) => line.includes('not a UUID'));
      expect(notes).toHaveLength(2);
    } finally {
      jest.useRealTimers();
    }
  });
});
