import { ROOT_CONTEXT, type Context, type Span } from '@opentelemetry/api';
import type { ReadableSpan, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { HoneyHiveSpanProcessor } from '../src';
import { OTHER_SESSION, SESSION, accounted, memoryPipeline, under, withBaggage } from './helpers/tracing';

const byName = (spans: ReadableSpan[], name: string): ReadableSpan => {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span ${name}`);
  return span;
};

describe('HoneyHiveSpanProcessor stamping', () => {
  it('stamps the docs/wire-contract.md attributes from defaults, with traceloop twins', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: SESSION, project: 'proj', source: 'prod' } });
    tracer.startSpan('root', {}, ROOT_CONTEXT).end();
    const attrs = byName(await spans(), 'root').attributes;
    expect(attrs['honeyhive.session_id']).toBe(SESSION);
    expect(attrs['honeyhive.project']).toBe('proj');
    expect(attrs['honeyhive.source']).toBe('prod');
    expect(attrs['traceloop.association.properties.session_id']).toBe(SESSION);
    expect(attrs['traceloop.association.properties.project']).toBe('proj');
    expect(attrs['traceloop.association.properties.source']).toBe('prod');
    expect(attrs['honeyhive_event_type']).toBe('tool');
    expect(attrs['honeyhive.parent_id']).toBeUndefined();
  });

  it('defaults the source to dev and leaves out unknown project', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: SESSION } });
    tracer.startSpan('s', {}, ROOT_CONTEXT).end();
    const attrs = byName(await spans(), 's').attributes;
    expect(attrs['honeyhive.source']).toBe('dev');
    expect(attrs).not.toHaveProperty('honeyhive.project');
  });

  it('resolves field by field: resolveStamp > baggage > defaults', async () => {
    const seen: Context[] = [];
    const { tracer, spans } = memoryPipeline({
      defaults: { sessionId: OTHER_SESSION, project: 'default-project', source: 'default-source', runId: 'run-default' },
      resolveStamp: (ctx) => {
        seen.push(ctx);
        return { project: 'scope-project' };
      },
    });
    const ctx = withBaggage({ session_id: SESSION, source: 'baggage-source', dataset_id: 'ds-1', datapoint_id: 'dp-1' });
    tracer.startSpan('s', {}, ctx).end();
    const attrs = byName(await spans(), 's').attributes;
    expect(attrs['honeyhive.project']).toBe('scope-project');
    expect(attrs['honeyhive.session_id']).toBe(SESSION);
    expect(attrs['honeyhive.source']).toBe('baggage-source');
    expect(attrs['honeyhive_metadata.run_id']).toBe('run-default');
    expect(attrs['honeyhive_metadata.dataset_id']).toBe('ds-1');
    expect(attrs['honeyhive_metadata.datapoint_id']).toBe('dp-1');
    expect(attrs['traceloop.association.properties.run_id']).toBe('run-default');
    expect(attrs['traceloop.association.properties.dataset_id']).toBe('ds-1');
    expect(seen).toContain(ctx);
  });

  it('reads the Python baggage variants, copies other entries as baggage.<key>, never secrets or reserved keys', async () => {
    const { tracer, spans } = memoryPipeline();
    const ctx = withBaggage({
      honeyhive_session_id: SESSION.toUpperCase(),
      'honeyhive.project': 'py-project',
      parent_id: 'parent-event-1',
      user_tier: 'gold',
      api_key: 'sk-should-not-appear',
      authorization: 'Bearer nope',
    });
    tracer.startSpan('s', {}, ctx).end();
    const attrs = byName(await spans(), 's').attributes;
    expect(attrs['honeyhive.session_id']).toBe(SESSION); // normalised to lower case
    expect(attrs['honeyhive.project']).toBe('py-project');
    expect(attrs['honeyhive.parent_id']).toBe('parent-event-1');
    expect(attrs['baggage.user_tier']).toBe('gold');
    const keys = Object.keys(attrs);
    expect(keys.filter((k) => k.startsWith('baggage.'))).toEqual(['baggage.user_tier']);
    expect(JSON.stringify(attrs)).not.toContain('sk-should-not-appear');
    expect(JSON.stringify(attrs)).not.toContain('Bearer nope');
  });

  it('ignores a baggage session id that is not a UUID (falls back to defaults)', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: OTHER_SESSION } });
    tracer.startSpan('s', {}, withBaggage({ session_id: 'not-a-uuid' })).end();
    expect(byName(await spans(), 's').attributes['honeyhive.session_id']).toBe(OTHER_SESSION);
  });

  it('readBaggage: false ignores baggage; stampTraceloopTwins: false leaves the twins out', async () => {
    const { tracer, spans } = memoryPipeline({ readBaggage: false, stampTraceloopTwins: false, defaults: { sessionId: OTHER_SESSION } });
    tracer.startSpan('s', {}, withBaggage({ session_id: SESSION, extra: 'x' })).end();
    const attrs = byName(await spans(), 's').attributes;
    expect(attrs['honeyhive.session_id']).toBe(OTHER_SESSION);
    expect(attrs['baggage.extra']).toBeUndefined();
    expect(Object.keys(attrs).some((k) => k.startsWith('traceloop.'))).toBe(false);
  });

  it('an attribute the caller set at start wins over every stamp layer', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: OTHER_SESSION, project: 'p' } });
    tracer.startSpan('s', { attributes: { 'honeyhive.session_id': SESSION, 'honeyhive.project': 'mine' } }, ROOT_CONTEXT).end();
    const attrs = byName(await spans(), 's').attributes;
    expect(attrs['honeyhive.session_id']).toBe(SESSION);
    expect(attrs['honeyhive.project']).toBe('mine');
  });

  it('a resolveStamp that throws does not break the span (defaults still apply)', async () => {
    const { tracer, spans } = memoryPipeline({
      defaults: { sessionId: SESSION },
      resolveStamp: () => {
        throw new Error('boom');
      },
    });
    const span = tracer.startSpan('s', {}, ROOT_CONTEXT);
    expect(() => span.end()).not.toThrow();
    expect(byName(await spans(), 's').attributes['honeyhive.session_id']).toBe(SESSION);
  });
});

describe('HoneyHiveSpanProcessor event type', () => {
  it('detects the type from start attributes', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: SESSION } });
    tracer.startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat' } }, ROOT_CONTEXT).end();
    tracer.startSpan('agent', { attributes: { 'openinference.span.kind': 'AGENT' } }, ROOT_CONTEXT).end();
    const all = await spans();
    expect(byName(all, 'chat').attributes['honeyhive_event_type']).toBe('model');
    expect(byName(all, 'agent').attributes['honeyhive_event_type']).toBe('chain');
  });

  it('re-decides at end with attributes added after start', async () => {
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: SESSION } });
    const span = tracer.startSpan('llm call', {}, ROOT_CONTEXT);
    span.setAttribute('gen_ai.request.model', 'gpt-4o');
    span.end();
    expect(byName(await spans(), 'llm call').attributes['honeyhive_event_type']).toBe('model');
  });

  it('re-decides at end even when the provider does not call onEnding (patched view)', async () => {
    const passThrough = (p: HoneyHiveSpanProcessor): SpanProcessor => ({
      onStart: (span, ctx) => p.onStart(span, ctx),
      onEnd: (span) => p.onEnd(span),
      forceFlush: () => p.forceFlush(),
      shutdown: () => p.shutdown(),
    });
    const { tracer, spans } = memoryPipeline({ defaults: { sessionId: SESSION } }, passThrough);
    const span = tracer.startSpan('late', {}, ROOT_CONTEXT);
    span.setAttribute('traceloop.span.kind', 'workflow');
    span.end();
    const exported = byName(await spans(), 'late');
    expect(exported.attributes['honeyhive_event_type']).toBe('chain');
    // the view keeps the span's identity and timing
    expect(exported.spanContext().spanId).toBe(span.spanContext().spanId);
    expect(exported.duration).toEqual((span as unknown as ReadableSpan).duration);
    expect(exported.ended).toBe(true);
    // the live span is untouched
    expect((span as unknown as ReadableSpan).attributes['honeyhive_event_type']).toBe('tool');
  });

  it('an explicit type (start attribute, stamp, or set after start) is never replaced', async () => {
    const { tracer, spans } = memoryPipeline({
      defaults: { sessionId: SESSION },
      resolveStamp: (ctx) => (ctx === stampCtx ? { eventType: 'chain' } : undefined),
    });
    const stampCtx = withBaggage({ marker: '1' });
    const a = tracer.startSpan('a', { attributes: { honeyhive_event_type: 'tool' } }, ROOT_CONTEXT);
    a.setAttribute('gen_ai.operation.name', 'chat');
    a.end();
    const b = tracer.startSpan('b', {}, stampCtx);
    b.setAttribute('gen_ai.operation.name', 'chat');
    b.end();
    const c = tracer.startSpan('c', {}, ROOT_CONTEXT);
    c.setAttribute('honeyhive_event_type', 'chain');
    c.setAttribute('gen_ai.operation.name', 'chat');
    c.end();
    const all = await spans();
    expect(byName(all, 'a').attributes['honeyhive_event_type']).toBe('tool');
    expect(byName(all, 'b').attributes['honeyhive_event_type']).toBe('chain');
    expect(byName(all, 'c').attributes['honeyhive_event_type']).toBe('chain');
  });
});

describe('HoneyHiveSpanProcessor drops and stats', () => {
  it('does not export a span without a session and counts it', async () => {
    const { tracer, spans, processor } = memoryPipeline();
    tracer.startSpan('orphan', {}, ROOT_CONTEXT).end();
    tracer.startSpan('owned', {}, withBaggage({ session_id: SESSION })).end();
    expect((await spans()).map((s) => s.name)).toEqual(['owned']);
    const stats = processor.stats();
    expect(stats.dropped.no_session).toBe(1);
    expect(stats.exported).toBe(1);
    expect(stats.ended).toBe(accounted(stats));
  });

  it('a session set on the span after start is enough', async () => {
    const { tracer, spans } = memoryPipeline();
    const span = tracer.startSpan('late-session', {}, ROOT_CONTEXT);
    span.setAttribute('honeyhive.session_id', SESSION);
    span.end();
    expect((await spans()).map((s) => s.name)).toEqual(['late-session']);
  });

  it('filters span names: include list, exclude list (exclude wins), RegExp with g flag is stable', async () => {
    const { tracer, spans, processor } = memoryPipeline({
      defaults: { sessionId: SESSION },
      includeSpanNames: [/^llm\./g, 'keep-me'],
      excludeSpanNames: ['llm.noise'],
    });
    for (const name of ['llm.call', 'llm.call', 'llm.noise', 'keep-me', 'http GET', 'keep-me-not']) {
      tracer.startSpan(name, {}, ROOT_CONTEXT).end();
    }
    expect((await spans()).map((s) => s.name).sort()).toEqual(['keep-me', 'llm.call', 'llm.call']);
    const stats = processor.stats();
    expect(stats.dropped.filtered).toBe(3);
    expect(stats.ended).toBe(6);
    expect(stats.ended).toBe(accounted(stats));
  });

  it('counts spans ended after shutdown and keeps the invariant', async () => {
    const { tracer, processor, exporter } = memoryPipeline({ defaults: { sessionId: SESSION } });
    const open = tracer.startSpan('open', {}, ROOT_CONTEXT);
    tracer.startSpan('before', {}, ROOT_CONTEXT).end();
    await processor.forceFlush();
    expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(['before']);
    await processor.shutdown();
    await processor.shutdown(); // idempotent
    open.end();
    const stats = processor.stats();
    expect(stats.started).toBe(2);
    expect(stats.dropped.shutdown).toBe(1);
    expect(stats.exported).toBe(1);
    expect(stats.ended).toBe(accounted(stats));
  });

  it('nested spans keep their parents and all carry the stamp (batch mode)', async () => {
    const { tracer, spans, processor } = memoryPipeline({ disableBatch: false, batch: { scheduledDelayMillis: 5 }, defaults: { sessionId: SESSION } });
    const root = tracer.startSpan('root', {}, ROOT_CONTEXT);
    const child = tracer.startSpan('child', {}, under(root));
    const grandchild: Span = tracer.startSpan('grandchild', {}, under(child));
    grandchild.end();
    child.end();
    root.end();
    const all = await spans();
    expect(all).toHaveLength(3);
    expect(byName(all, 'child').parentSpanContext?.spanId).toBe(root.spanContext().spanId);
    expect(byName(all, 'grandchild').parentSpanContext?.spanId).toBe(child.spanContext().spanId);
    for (const span of all) expect(span.attributes['honeyhive.session_id']).toBe(SESSION);
    const stats = processor.stats();
    expect(stats).toMatchObject({ started: 3, ended: 3, exported: 3, queued: 0, inFlight: 0 });
  });
});

describe('HoneyHiveSpanProcessor logging', () => {
  it('logs a repeated drop once (rate-limited), through the logger only', async () => {
    const lines: string[] = [];
    const logger = { debug: (m: string) => lines.push(`debug ${m}`), info: () => {}, warn: (m: string) => lines.push(`warn ${m}`), error: () => {} };
    const { tracer, processor } = memoryPipeline({ logger });
    for (let i = 0; i < 50; i++) tracer.startSpan(`orphan-${i}`, {}, ROOT_CONTEXT).end();
    await processor.forceFlush();
    expect(processor.stats().dropped.no_session).toBe(50);
    expect(lines.filter((l) => l.includes('no session'))).toHaveLength(1);
  });

  it('accepts a processor built without a logger (silent) and a bad batch option', () => {
    const processor = new HoneyHiveSpanProcessor({
      exporter: { export: (_s, cb) => cb({ code: 0 }), shutdown: async () => {} },
      batch: { maxQueueSize: -1 },
    });
    expect(processor.stats().ended).toBe(0);
    return processor.shutdown();
  });
});
