import { context, trace as otelTrace } from '@opentelemetry/api';
import { ATTR } from '@honeyhive/utils';
import { enrichSpan, setDefaultTracerResolver, trace } from '../src';
import { attributesUnder, setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => {
  setDefaultTracerResolver(undefined);
  tracing.reset();
});
afterAll(() => tracing.shutdown());

describe('enrichSpan', () => {
  it('enriches the active span of a traced function', () => {
    let returned: boolean | undefined;
    trace(function enriched() {
      returned = enrichSpan({
        inputs: { query: 'q', filters: ['a'] },
        outputs: { answer: 'yes' },
        config: { model: 'm' },
        metadata: { step: 1 },
        metrics: { tokens: 10 },
        feedback: { rating: 5 },
        userProperties: { tier: 'free' },
        eventName: 'renamed',
        eventType: 'model',
        attributes: { 'gen_ai.system': 'x', nested: { k: true } },
      });
      return 'done';
    }, { tracer: tracing.tracer })();
    expect(returned).toBe(true);
    const span = tracing.span('enriched');
    expect(span.attributes).toMatchObject({
      'honeyhive_inputs.query': 'q',
      'honeyhive_inputs.filters.0': 'a',
      'honeyhive_outputs.answer': 'yes',
      'honeyhive_outputs.result': 'done',
      'honeyhive_config.model': 'm',
      'honeyhive_metadata.step': 1,
      'honeyhive_metrics.tokens': 10,
      'honeyhive_feedback.rating': 5,
      'honeyhive_user_properties.tier': 'free',
      [ATTR.EVENT_NAME]: 'renamed',
      [ATTR.EVENT_TYPE]: 'model',
      'gen_ai.system': 'x',
      'nested.k': true,
    });
  });

  it('enriches the innermost active span only', async () => {
    const inner = trace(async function inner() {
      await Promise.resolve();
      enrichSpan({ metadata: { where: 'inner' } });
    }, { tracer: tracing.tracer });
    await trace(async function outer() {
      await inner();
      enrichSpan({ metadata: { where: 'outer' } });
    }, { tracer: tracing.tracer })();
    expect(tracing.span('inner').attributes['honeyhive_metadata.where']).toBe('inner');
    expect(tracing.span('outer').attributes['honeyhive_metadata.where']).toBe('outer');
  });

  it('puts a single value under <prefix>.value', () => {
    trace(function scalar() {
      enrichSpan({ outputs: 'plain answer', inputs: 42 });
    }, { tracer: tracing.tracer })();
    const span = tracing.span('scalar');
    expect(span.attributes['honeyhive_outputs.value']).toBe('plain answer');
    expect(span.attributes['honeyhive_inputs.value']).toBe(42);
  });

  it('sets honeyhive_error, with the type only for Errors, without changing the status', () => {
    trace(function withErrors() {
      enrichSpan({ error: new RangeError('too far') });
    }, { tracer: tracing.tracer })();
    trace(function withText() {
      enrichSpan({ error: 'just text' });
    }, { tracer: tracing.tracer })();
    const first = tracing.span('withErrors');
    expect(first.attributes[ATTR.ERROR]).toBe('too far');
    expect(first.attributes[ATTR.ERROR_TYPE]).toBe('RangeError');
    expect(first.status.code).toBe(0);
    const second = tracing.span('withText');
    expect(second.attributes[ATTR.ERROR]).toBe('just text');
    expect(second.attributes[ATTR.ERROR_TYPE]).toBeUndefined();
  });

  it('enriches an explicit span', () => {
    const span = tracing.provider.getTracer('test').startSpan('manual');
    expect(enrichSpan({ metrics: { score: 0.5 } }, { span })).toBe(true);
    span.end();
    expect(tracing.span('manual').attributes['honeyhive_metrics.score']).toBe(0.5);
  });

  it('returns false without throwing outside any span, on ended spans and on odd input', () => {
    expect(otelTrace.getSpan(context.active())).toBeUndefined();
    expect(enrichSpan({ metadata: { a: 1 } })).toBe(false);
    const span = tracing.provider.getTracer('test').startSpan('ended');
    span.end();
    expect(enrichSpan({ metadata: { a: 1 } }, { span })).toBe(false);
    expect(tracing.span('ended').attributes['honeyhive_metadata.a']).toBeUndefined();
    expect(enrichSpan(undefined as never)).toBe(false);
    expect(enrichSpan(null as never, { span: undefined })).toBe(false);
  });

  it('masks inputs and outputs with the tracer mask, per top-level key', () => {
    const tracer = tracing.tracerWith({ mask: (key, value) => (key === 'email' ? '***' : value) });
    trace(function masked() {
      enrichSpan({ inputs: { user: 'u', email: 'e@x.y' }, outputs: { email: 'e@x.y' }, metadata: { email: 'kept' } }, { tracer });
    }, { tracer })();
    const span = tracing.span('masked');
    expect(attributesUnder(span, 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.user': 'u',
      'honeyhive_inputs.email': '***',
    });
    expect(span.attributes['honeyhive_outputs.email']).toBe('***');
    expect(span.attributes['honeyhive_metadata.email']).toBe('kept');
  });

  it('uses the default tracer capture settings when no tracer is given', () => {
    setDefaultTracerResolver(() => tracing.tracerWith({ mask: () => 'hidden' }));
    trace(function viaDefault() {
      enrichSpan({ outputs: { note: 's' } });
    }, { tracer: tracing.tracer })();
    expect(tracing.span('viaDefault').attributes['honeyhive_outputs.note']).toBe('hidden');
  });
});
