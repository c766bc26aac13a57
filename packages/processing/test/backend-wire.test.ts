import { propagation, type Context } from '@opentelemetry/api';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { extractContext, injectContext, type OtlpProtocol } from '../src';
import { API_KEY, backendPipeline, traceRequests } from './helpers/backend';
import { SESSION, accounted, under, withBaggage } from './helpers/tracing';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());
afterEach(() => backend.reset());

describe.each<OtlpProtocol>(['http/protobuf', 'http/json', 'grpc'])('wire over %s', (protocol) => {
  it('every docs/wire-contract.md stamp attribute and header arrives', async () => {
    const pipeline = backendPipeline(backend, protocol, { source: 'wire-test', clientPackage: '@honeyhive/test-client', clientVersion: '9.9.9' });
    const { tracer, processor } = pipeline;
    try {
      const ctx: Context = withBaggage({
        run_id: 'run-42',
        dataset_id: 'ds-7',
        datapoint_id: 'dp-3',
        parent_id: 'parent-event',
        tenant: 'acme',
        api_key: 'sk-must-not-leak',
      });
      const root = tracer.startSpan('pipeline', {}, ctx);
      const chat = tracer.startSpan('chat', { attributes: { 'gen_ai.operation.name': 'chat' } }, under(root, ctx));
      const late = tracer.startSpan('late-model', {}, under(chat, ctx));
      late.setAttribute('llm.model_name', 'gpt-4o-mini'); // after start: only end-time detection sees it
      late.end();
      chat.end();
      root.end();
      await processor.forceFlush();
      const spans = await backend.waitForSpans(3);
      expect(spans).toHaveLength(3);
      const byName = Object.fromEntries(spans.map((s) => [s.name, s]));

      for (const span of spans) {
        expect(span.protocol).toBe(protocol);
        expect(span.attributes).toMatchObject({
          'honeyhive.session_id': SESSION,
          'honeyhive.project': 'wire-project',
          'honeyhive.source': 'wire-test',
          'honeyhive.parent_id': 'parent-event',
          'honeyhive_metadata.run_id': 'run-42',
          'honeyhive_metadata.dataset_id': 'ds-7',
          'honeyhive_metadata.datapoint_id': 'dp-3',
          'baggage.tenant': 'acme',
          'traceloop.association.properties.session_id': SESSION,
          'traceloop.association.properties.project': 'wire-project',
          'traceloop.association.properties.source': 'wire-test',
          'traceloop.association.properties.run_id': 'run-42',
          'traceloop.association.properties.dataset_id': 'ds-7',
          'traceloop.association.properties.datapoint_id': 'dp-3',
        });
        expect(Object.keys(span.attributes).filter((k) => k.startsWith('baggage.'))).toEqual(['baggage.tenant']);
        expect(JSON.stringify(span.attributes)).not.toContain('sk-must-not-leak');
        expect(span.resource.attributes['service.name']).toBe('processing-test');
      }
      expect(byName.pipeline!.attributes['honeyhive_event_type']).toBe('tool');
      expect(byName.chat!.attributes['honeyhive_event_type']).toBe('model');
      expect(byName['late-model']!.attributes['honeyhive_event_type']).toBe('model');
      expect(byName.pipeline!.parentSpanId).toBeUndefined();
      expect(byName.chat!.parentSpanId).toBe(byName.pipeline!.spanId);
      expect(byName['late-model']!.parentSpanId).toBe(byName.chat!.spanId);

      const requests = traceRequests(backend);
      expect(requests.length).toBeGreaterThanOrEqual(1);
      for (const request of requests) {
        expect(request.protocol).toBe(protocol);
        expect(request.apiKey).toBe(API_KEY);
        expect(request.headers['authorization']).toBeDefined();
        expect(request.client).toEqual({ package: '@honeyhive/test-client', version: '9.9.9', language: 'typescript', source: 'wire-test' });
        expect(request.outcome).toBe('ok');
      }
      const stats = processor.stats();
      expect(stats).toMatchObject({ started: 3, ended: 3, exported: 3, failed: 0 });
      expect(stats.ended).toBe(accounted(stats));
    } finally {
      await pipeline.close();
    }
  });
});

it('sends no Authorization header without an API key (never "Bearer undefined")', async () => {
  const open = await startLocalBackend();
  const pipeline = backendPipeline(open, 'http/protobuf', { apiKey: undefined });
  try {
    pipeline.emit('anonymous');
    await pipeline.processor.forceFlush();
    const [request] = traceRequests(open);
    expect(request).toBeDefined();
    expect(request!.headers['authorization']).toBeUndefined();
    expect(JSON.stringify(request!.headers)).not.toContain('undefined');
  } finally {
    await pipeline.close();
    await open.stop();
  }
});

it('propagation round trip: a span started from extracted headers carries the remote session', async () => {
  const pipeline = backendPipeline(backend, 'http/protobuf', {}, { defaults: { source: 'callee' } });
  try {
    const caller = pipeline.tracer.startSpan('caller', {}, withBaggage({ session_id: SESSION }));
    const headers: Record<string, string> = {};
    injectContext(propagation.setBaggage(under(caller), propagation.createBaggage({ project: { value: 'remote-project' } })), headers, { sessionId: SESSION });
    const { context } = extractContext(Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toUpperCase(), v])));
    pipeline.tracer.startSpan('callee', {}, context).end();
    caller.end();
    await pipeline.processor.forceFlush();
    const spans = await backend.waitForSpans(2);
    const callee = spans.find((s) => s.name === 'callee')!;
    expect(callee.parentSpanId).toBe(caller.spanContext().spanId);
    expect(callee.attributes['honeyhive.session_id']).toBe(SESSION);
    expect(callee.attributes['honeyhive.project']).toBe('remote-project');
    expect(callee.attributes['honeyhive.source']).toBe('callee');
  } finally {
    await pipeline.close();
  }
});
