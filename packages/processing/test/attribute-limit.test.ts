import { ROOT_CONTEXT, type Attributes, type Context } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { HoneyHiveSpanProcessor } from '../src';
import { SESSION, accounted, withBaggage } from './helpers/tracing';

// The provider's attribute-count limit cuts what a span carries; the processor's own keys must never be
// the ones cut, or a span that starts (or grows) past the limit loses its session and is never exported.

const LIMIT = 1_088; // the tracer's default: maxAttributes 1024 + room 64

function limitedPipeline(limit = LIMIT) {
  const exporter = new InMemorySpanExporter();
  const processor = new HoneyHiveSpanProcessor({
    exporter,
    disableBatch: true,
    defaults: { sessionId: SESSION, project: 'limits', source: 'limits-src', runId: 'run-1' },
  });
  const provider = new NodeTracerProvider({ spanProcessors: [processor], spanLimits: { attributeCountLimit: limit } });
  const tracer = provider.getTracer('limits');
  const finished = async (): Promise<ReadableSpan[]> => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };
  return { processor, tracer, finished };
}

function userAttributes(count: number): Attributes {
  return Object.fromEntries(Array.from({ length: count }, (_, i) => [`user.attr.${i}`, i]));
}

const userKeys = (span: ReadableSpan): number => Object.keys(span.attributes).filter((key) => key.startsWith('user.attr.')).length;

const OWN = {
  'honeyhive.session_id': SESSION,
  'honeyhive.project': 'limits',
  'honeyhive.source': 'limits-src',
  'honeyhive_metadata.run_id': 'run-1',
  'traceloop.association.properties.session_id': SESSION,
  'traceloop.association.properties.project': 'limits',
  honeyhive_event_type: 'tool',
};

describe.each([1_100, 5_000])('a span with %i attributes', (count) => {
  it('started with them: keeps every stamped key and is exported; the user attributes are cut at the limit', async () => {
    const { processor, tracer, finished } = limitedPipeline();
    const ctx: Context = withBaggage({ tenant: 'acme' }, ROOT_CONTEXT);
    tracer.startSpan('wide', { attributes: userAttributes(count) }, ctx).end();
    const [span] = await finished();
    expect(span).toBeDefined();
    expect(span!.attributes).toMatchObject({ ...OWN, 'baggage.tenant': 'acme' });
    expect(userKeys(span!)).toBe(LIMIT);
    // the cut is the user's alone, and visible as OTel's dropped-attributes count
    expect(span!.droppedAttributesCount).toBe(count - LIMIT);
    const stats = processor.stats();
    expect(stats).toMatchObject({ ended: 1, exported: 1, failed: 0 });
    expect(stats.dropped.no_session).toBe(0);
    expect(stats.ended).toBe(accounted(stats));
  });

  it('set after start: the stamped keys stay, the user attributes are cut at the limit', async () => {
    const { processor, tracer, finished } = limitedPipeline();
    const span = tracer.startSpan('grown', {}, ROOT_CONTEXT);
    span.setAttributes(userAttributes(count));
    span.setAttribute('gen_ai.request.model', 'gpt-4o'); // past the limit: cut like any other user key
    span.end();
    const [exported] = await finished();
    expect(exported!.attributes).toMatchObject(OWN);
    expect(userKeys(exported!)).toBe(LIMIT);
    expect(exported!.droppedAttributesCount).toBe(count - LIMIT + 1);
    expect(processor.stats()).toMatchObject({ exported: 1, dropped: { no_session: 0 } });
  });
});

it('a caller that sets a stamped key itself keeps its value, even past the limit', async () => {
  const { tracer, finished } = limitedPipeline(10);
  const attributes = { 'honeyhive.project': 'callers-project', honeyhive_event_type: 'chain', ...userAttributes(50) };
  tracer.startSpan('own-project', { attributes }, ROOT_CONTEXT).end();
  const [span] = await finished();
  expect(span!.attributes).toMatchObject({ 'honeyhive.session_id': SESSION, 'honeyhive.project': 'callers-project', honeyhive_event_type: 'chain' });
  expect(userKeys(span!)).toBe(8);
});

it('a span that starts full still gets its detected event type', async () => {
  const { tracer, finished } = limitedPipeline(20);
  const span = tracer.startSpan('llm', { attributes: { 'gen_ai.request.model': 'gpt-4o', ...userAttributes(40) } }, ROOT_CONTEXT);
  span.end();
  const [exported] = await finished();
  expect(exported!.attributes).toMatchObject({ 'honeyhive.session_id': SESSION, honeyhive_event_type: 'model' });
});
