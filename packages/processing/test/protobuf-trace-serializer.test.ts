// The exporters' protobuf serializer must write exactly the bytes OpenTelemetry's ProtobufTraceSerializer writes
// for the same spans: real SDK spans stamped by the processor (the pairs it encodes once), with events, links,
// parents, remote parents, trace state, several resources and scopes, non-ASCII text and odd values.
import { SpanKind, SpanStatusCode, TraceFlags, context, trace, type Attributes } from '@opentelemetry/api';
import { TraceState } from '@opentelemetry/core';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { HoneyHiveSpanProcessor } from '../src';
import { protobufTraceSerializer } from '../src/protobuf-trace-serializer';
import { STAMPED_KEYS } from '../src/stamp';

const SESSION = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';

function pipeline(project: string, resourceName: string, defaults: Record<string, string> = {}) {
  const exporter = new InMemorySpanExporter();
  const processor = new HoneyHiveSpanProcessor({
    exporter,
    disableBatch: true,
    disableHttpTracing: false,
    defaults: { sessionId: SESSION, project, source: 'sérialisé', ...defaults },
  });
  const provider = new NodeTracerProvider({ resource: resourceFromAttributes({ 'service.name': resourceName }), spanProcessors: [processor] });
  return { exporter, processor, provider };
}

function expectSameBytes(spans: ReadableSpan[]): void {
  const ours = protobufTraceSerializer.serializeRequest(spans);
  const theirs = ProtobufTraceSerializer.serializeRequest(spans);
  expect(theirs).toBeDefined();
  expect(Buffer.from(ours!).equals(Buffer.from(theirs!))).toBe(true);
}

describe('protobufTraceSerializer', () => {
  it('writes the bytes of OpenTelemetry’s ProtobufTraceSerializer for stamped spans of every shape', async () => {
    const first = pipeline('projet-ü', 'service-a', { runId: 'run-1', datasetId: 'ds', datapointId: 'dp' });
    const second = pipeline('other', 'service-b');
    const spans: ReadableSpan[] = [];
    for (const { exporter, processor, provider } of [first, second]) {
      for (const scope of ['scope-1', 'scope-2']) {
        const tracer = provider.getTracer(scope, '1.2.3');
        const parent = tracer.startSpan('parent', { kind: SpanKind.SERVER, attributes: { 'gen_ai.request.model': 'gpt-4o' } });
        const remote = trace.setSpanContext(context.active(), {
          traceId: '0af7651916cd43dd8448eb211c80319c',
          spanId: 'b7ad6b7169203331',
          traceFlags: TraceFlags.SAMPLED,
          isRemote: true,
          traceState: new TraceState('vendor=value,other=x'),
        });
        const child = tracer.startSpan(
          'enfant 😀',
          {
            attributes: { text: 'héllo wörld 中文', count: 42, ratio: 0.5, big: 2 ** 60, flag: true, list: ['a', 'é'], nums: [1, 2.5], bytes: new Uint8Array([1, 2, 3]) as unknown as string },
            links: [{ context: parent.spanContext(), attributes: { why: 'because' } }],
          },
          remote,
        );
        child.addEvent('événement', { at: 'now', n: 1 });
        child.setAttribute('long', 'x'.repeat(300));
        child.setAttributes({ 'clé.é': 'valeur', 'lone\ud800': 'surrogate \udc00 value', ['k'.repeat(200)]: 1 });
        child.setStatus({ code: SpanStatusCode.ERROR, message: 'échec' });
        child.end();
        const inner = tracer.startSpan('inner', { attributes: { 'honeyhive.project': 'caller-set', honeyhive_event_type: 'chain' } }, trace.setSpan(context.active(), parent));
        inner.setAttribute('honeyhive.source', 7);
        inner.end();
        parent.end();
      }
      await processor.forceFlush();
      spans.push(...exporter.getFinishedSpans());
    }
    expect(spans.length).toBe(12);
    expect(STAMPED_KEYS.every((key) => spans.some((span) => key in span.attributes) || key.includes('run') || key.includes('dataset') || key.includes('datapoint') || key.includes('parent'))).toBe(true);
    expectSameBytes(spans);
    // again, now that the stamped pairs are encoded already; and one span at a time
    expectSameBytes(spans);
    for (const span of spans) expectSameBytes([span]);
    expectSameBytes([]);
  });

  it('stays the same with many sessions in one process (more values per key than it keeps)', () => {
    const base = { name: 's', kind: SpanKind.INTERNAL, startTime: [1, 2], endTime: [3, 4], status: { code: SpanStatusCode.UNSET }, events: [], links: [] };
    const provider = new NodeTracerProvider();
    const scope = { name: 'x' };
    const resource = provider.getTracer('x').startSpan('r') as unknown as ReadableSpan;
    const spans = Array.from({ length: 200 }, (_, i) => {
      const attributes: Attributes = { 'honeyhive.session_id': `session-${i % 150}`, 'traceloop.association.properties.session_id': `session-${i}`, plain: 'p' };
      return {
        ...base,
        attributes,
        spanContext: () => ({ traceId: '0af7651916cd43dd8448eb211c80319c', spanId: (i + 1).toString(16).padStart(16, '0'), traceFlags: 1 }),
        resource: resource.resource,
        instrumentationScope: scope,
        droppedAttributesCount: 0,
        droppedEventsCount: 0,
        droppedLinksCount: 0,
      } as unknown as ReadableSpan;
    });
    expectSameBytes(spans);
    expectSameBytes(spans.reverse());
  });
});
