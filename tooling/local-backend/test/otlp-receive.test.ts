import * as grpc from '@grpc/grpc-js';
import { OTLPTraceExporter as GrpcExporter } from '@opentelemetry/exporter-trace-otlp-grpc';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { startLocalBackend, type LocalBackend, type ReceivedSpan } from '../src';
import {
  AUTH,
  comparable,
  emitSpanSet,
  encodeExportRequest,
  gzipSync,
  LINKED,
  REMOTE_PARENT,
  send,
  SESSION_ID,
} from './helpers';

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(async () => {
  await backend.stop();
});
beforeEach(async () => {
  await backend.reset();
});

function byName(spans: ReceivedSpan[], name: string): ReceivedSpan {
  const span = spans.find((s) => s.name === name);
  if (!span) throw new Error(`no span named ${name}`);
  return span;
}

// Field-by-field checks of the fixed span set, shared by the three encodings.
function expectSpanSet(spans: ReceivedSpan[]): void {
  expect(spans).toHaveLength(3);
  const root = byName(spans, 'agent_step');
  const child = byName(spans, 'llm_call');
  const failing = byName(spans, 'search');

  for (const span of spans) {
    expect(span.resource.attributes).toMatchObject({ 'service.name': 'lb-test', 'deployment.environment': 'test', 'custom.int': 42 });
    expect(span.scope).toMatchObject({ name: 'lb-test-scope', version: '1.2.3' });
    expect(span.traceId).toBe(REMOTE_PARENT.traceId);
    expect(span.traceState).toBe('vendor=value');
    expect(span.spanId).toMatch(/^[0-9a-f]{16}$/);
  }
  expect(root.parentSpanId).toBe(REMOTE_PARENT.spanId);
  expect(child.parentSpanId).toBe(root.spanId);
  expect(failing.parentSpanId).toBe(root.spanId);
  expect(root.flags & 0xff).toBe(1);
  expect(root.flags & 0x300).toBe(0x300); // has-is-remote + is-remote: the parent came from another process
  expect(child.flags & 0x300).toBe(0x100);

  expect(root.kind).toBe(2); // SERVER
  expect(child.kind).toBe(3); // CLIENT
  expect(failing.kind).toBe(1); // INTERNAL

  expect(root.startTimeUnixNano).toBe(1700000000100000000n);
  expect(root.endTimeUnixNano).toBe(1700000000400000000n);
  expect(root.startTimeMs).toBe(1700000000100);
  expect(root.endTimeMs).toBe(1700000000400);
  expect(root.durationMs).toBe(300);

  expect(root.attributes).toEqual({
    'honeyhive.session_id': SESSION_ID,
    honeyhive_event_type: 'chain',
    'attr.string': 'hello',
    'attr.bool': true,
    'attr.int': 7,
    'attr.negative': -12,
    'attr.double': 3.25,
    'attr.strings': ['a', 'b'],
    'attr.numbers': [1, 2.5],
    'attr.bools': [true, false],
  });
  expect(root.events).toEqual([
    {
      timeUnixNano: 1700000000150000000n,
      timeMs: 1700000000150,
      name: 'step.started',
      attributes: { 'event.attr': 5 },
      droppedAttributesCount: 0,
    },
  ]);
  expect(root.links).toHaveLength(1);
  expect(root.links[0]).toMatchObject({ traceId: LINKED.traceId, spanId: LINKED.spanId, attributes: { 'link.attr': 'x' } });
  expect(root.status).toEqual({ code: 1, message: '' });
  expect(failing.status).toEqual({ code: 2, message: 'search failed' });
  expect(root.droppedAttributesCount + root.droppedEventsCount + root.droppedLinksCount).toBe(0);
}

const decoded: Record<string, ReturnType<typeof comparable>> = {};

test('http/protobuf: the real proto exporter, decoded field by field', async () => {
  await emitSpanSet(new ProtoExporter({ url: backend.otlpHttpUrl, headers: AUTH }));
  const spans = await backend.waitForSpans(3);
  expectSpanSet(spans);
  expect(new Set(spans.map((s) => s.protocol))).toEqual(new Set(['http/protobuf']));
  expect(backend.requests().every((r) => r.protocol === 'http/protobuf' && r.status === 200)).toBe(true);
  decoded.protobuf = comparable(spans);
});

test('http/json: the real JSON exporter, decoded field by field', async () => {
  await emitSpanSet(new JsonExporter({ url: backend.otlpHttpUrl, headers: AUTH }));
  const spans = await backend.waitForSpans(3);
  expectSpanSet(spans);
  expect(new Set(spans.map((s) => s.protocol))).toEqual(new Set(['http/json']));
  decoded.json = comparable(spans);
});

test('grpc: the real gRPC exporter, decoded field by field', async () => {
  const metadata = new grpc.Metadata();
  metadata.set('authorization', AUTH.authorization);
  await emitSpanSet(new GrpcExporter({ url: backend.grpcUrl, metadata }));
  const spans = await backend.waitForSpans(3);
  expectSpanSet(spans);
  expect(new Set(spans.map((s) => s.protocol))).toEqual(new Set(['grpc']));
  expect(backend.requests()[0]).toMatchObject({ path: '/opentelemetry.proto.collector.trace.v1.TraceService/Export', status: 200, grpcCode: 0, outcome: 'ok' });
  decoded.grpc = comparable(spans);
});

test('the three encodings decode to the same spans', () => {
  expect(Object.keys(decoded).sort()).toEqual(['grpc', 'json', 'protobuf']);
  expect(decoded.json).toEqual(decoded.protobuf);
  expect(decoded.grpc).toEqual(decoded.protobuf);
});

test('gzip-compressed exports from both HTTP exporters are decoded', async () => {
  await emitSpanSet(new ProtoExporter({ url: backend.otlpHttpUrl, headers: AUTH, compression: 'gzip' as never }));
  await emitSpanSet(new JsonExporter({ url: `${backend.httpUrl}/v1/traces`, headers: AUTH, compression: 'gzip' as never }));
  const spans = await backend.waitForSpans(6);
  expect(backend.requests().every((r) => r.headers['content-encoding'] === 'gzip')).toBe(true);
  expectSpanSet(spans.filter((s) => s.protocol === 'http/protobuf'));
  expectSpanSet(spans.filter((s) => s.protocol === 'http/json'));
});

test('protobuf AnyValue types the SDK cannot produce: bytes, kvlist, nested arrays, int64 beyond 2^53', async () => {
  const body = encodeExportRequest({
    resourceSpans: [
      {
        scopeSpans: [
          {
            scope: { name: 's', version: 'v', attributes: [{ key: 'scope.attr', value: { boolValue: true } }] },
            spans: [
              {
                traceId: Buffer.from(REMOTE_PARENT.traceId, 'hex'),
                spanId: Buffer.from(REMOTE_PARENT.spanId, 'hex'),
                name: 'typed',
                startTimeUnixNano: '1700000000000000001',
                endTimeUnixNano: '1700000000000000002',
                attributes: [
                  { key: 'bytes', value: { bytesValue: Buffer.from([1, 2, 255]) } },
                  { key: 'big', value: { intValue: '9007199254740993' } },
                  { key: 'min', value: { intValue: '-9223372036854775808' } },
                  { key: 'empty', value: {} },
                  {
                    key: 'kv',
                    value: {
                      kvlistValue: {
                        values: [
                          { key: 'a', value: { stringValue: 'x' } },
                          { key: 'nested', value: { arrayValue: { values: [{ intValue: 1 }, { kvlistValue: { values: [{ key: 'deep', value: { doubleValue: 0.5 } }] } }] } } },
                        ],
                      },
                    },
                  },
                ],
                droppedAttributesCount: 4,
                droppedEventsCount: 5,
                droppedLinksCount: 6,
              },
            ],
          },
        ],
      },
    ],
  });
  const reply = await send(backend.httpUrl, 'POST', '/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/x-protobuf' },
    body,
  });
  expect(reply.status).toBe(200);
  expect(reply.body.length).toBe(0);
  const [span] = await backend.waitForSpans(1);
  expect(span!.attributes).toEqual({
    bytes: new Uint8Array([1, 2, 255]),
    big: 9007199254740993n,
    min: -9223372036854775808n,
    empty: null,
    kv: { a: 'x', nested: [1, { deep: 0.5 }] },
  });
  expect(span!.scope.attributes).toEqual({ 'scope.attr': true });
  expect(span!.startTimeUnixNano).toBe(1700000000000000001n);
  expect(span!.parentSpanId).toBeUndefined();
  expect([span!.droppedAttributesCount, span!.droppedEventsCount, span!.droppedLinksCount]).toEqual([4, 5, 6]);
});

test('OTLP/JSON variants: base64 ids, snake_case names, numeric nanos, enum names, gzip; JSON answer is {}', async () => {
  const traceB64 = Buffer.from(REMOTE_PARENT.traceId, 'hex').toString('base64');
  const spanB64 = Buffer.from(REMOTE_PARENT.spanId, 'hex').toString('base64');
  const json = JSON.stringify({
    resource_spans: [
      {
        resource: { attributes: [{ key: 'r', value: { int_value: '5' } }] },
        scope_spans: [
          {
            scope: { name: 'snake' },
            spans: [
              {
                trace_id: traceB64,
                span_id: spanB64,
                parent_span_id: LINKED.spanId.toUpperCase(),
                name: 'variant',
                kind: 'SPAN_KIND_PRODUCER',
                start_time_unix_nano: 1700000000000000000,
                end_time_unix_nano: '1700000000500000000',
                attributes: [
                  { key: 'd', value: { double_value: 'Infinity' } },
                  { key: 'b', value: { bytes_value: Buffer.from('hi').toString('base64') } },
                  { key: 'arr', value: { array_value: { values: [{ string_value: 'x' }] } } },
                ],
                status: { code: 'STATUS_CODE_ERROR', message: 'bad' },
                events: [{ time_unix_nano: '1700000000000000001', name: 'e' }],
              },
            ],
          },
        ],
      },
    ],
  });
  const reply = await send(backend.otlpHttpUrl, 'POST', '/opentelemetry/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json; charset=utf-8', 'content-encoding': 'gzip' },
    body: gzipSync(json),
  });
  expect(reply.status).toBe(200);
  expect(reply.json()).toEqual({});
  const [span] = await backend.waitForSpans(1);
  expect(span).toMatchObject({
    traceId: REMOTE_PARENT.traceId,
    spanId: REMOTE_PARENT.spanId,
    parentSpanId: LINKED.spanId,
    kind: 4,
    durationMs: 500,
    status: { code: 2, message: 'bad' },
    resource: { attributes: { r: 5 } },
    scope: { name: 'snake', version: '' },
  });
  expect(span!.attributes).toEqual({ d: Infinity, b: new Uint8Array(Buffer.from('hi')), arr: ['x'] });
  expect(span!.events[0]!.timeUnixNano).toBe(1700000000000000001n);
});

test('requests record client identification headers and the key, with authorization masked', async () => {
  await send(backend.httpUrl, 'POST', '/v1/traces', {
    headers: {
      ...AUTH,
      'content-type': 'application/json',
      'HH-Client-Package': '@honeyhive/tracer',
      'hh-client-version': '1.2.3',
      'hh-client-language': 'typescript',
      'X-Source': 'dev',
    },
    body: '{}',
  });
  const [request] = backend.requests();
  expect(request).toMatchObject({
    method: 'POST',
    path: '/v1/traces',
    route: 'traces',
    protocol: 'http/json',
    status: 200,
    spanCount: 0,
    apiKey: 'test-key-123456',
    client: { package: '@honeyhive/tracer', version: '1.2.3', language: 'typescript', source: 'dev' },
  });
  expect(request!.headers.authorization).toBe('Bearer test…');
  expect(JSON.stringify(request!.headers)).not.toContain('test-key-123456');
});
