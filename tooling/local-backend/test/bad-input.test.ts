import { status as GrpcStatus } from '@grpc/grpc-js';
import { startLocalBackend, type LocalBackend } from '../src';
import { AUTH, encodeExportRequest, grpcClient, grpcExport, postOtlpJson, send, sendJson } from './helpers';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
beforeEach(() => backend.reset());

const GOOD_SPAN = { traceId: '01'.repeat(16), spanId: '02'.repeat(8), name: 'after', startTimeUnixNano: '1', endTimeUnixNano: '2' };

// Every bad request is answered with a reason, and the very next good request still works.
async function expectStillServing(): Promise<void> {
  const reply = await postOtlpJson(backend.httpUrl, [GOOD_SPAN]);
  expect(reply.status).toBe(200);
  expect(backend.spans().map((s) => s.name)).toEqual(['after']);
}

test.each([
  ['undecodable protobuf', 'application/x-protobuf', Buffer.from([0x0a, 0x05, 0x01]), 400, /undecodable protobuf/],
  ['malformed JSON', 'application/json', '{"resourceSpans": [', 400, /malformed JSON/],
  ['JSON that is not an object', 'application/json', '[1,2]', 400, /ExportTraceServiceRequest object/],
  ['a wrongly typed field', 'application/json', '{"resourceSpans": {"a": 1}}', 400, /resourceSpans: expected an array/],
  ['a bad id', 'application/json', JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'zz' }] }] }] }), 400, /traceId/],
  ['a non-integer time', 'application/json', JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: [{ startTimeUnixNano: 'soon' }] }] }] }), 400, /startTimeUnixNano/],
  ['a wrong content type', 'text/plain', 'hello', 415, /unsupported Content-Type "text\/plain"/],
  ['a missing content type', undefined, 'hello', 415, /\(missing\)/],
])('OTLP/HTTP with %s → %s-class error with a reason; the server keeps serving', async (_n, type, body, status, reason) => {
  const headers: Record<string, string> = { ...AUTH };
  if (type) headers['content-type'] = type;
  const reply = await send(backend.httpUrl, 'POST', '/opentelemetry/v1/traces', { headers, body });
  expect(reply.status).toBe(status);
  expect(reply.json().error).toMatch(reason);
  expect(backend.requests()[0]).toMatchObject({ status, outcome: 'rejected' });
  await expectStillServing();
});

test('a corrupt gzip body → 400; an unknown Content-Encoding → 415', async () => {
  const corrupt = await send(backend.httpUrl, 'POST', '/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json', 'content-encoding': 'gzip' },
    body: 'not gzip',
  });
  expect(corrupt.status).toBe(400);
  expect(corrupt.json().error).toMatch(/decompressed as gzip/);
  const unknown = await send(backend.httpUrl, 'POST', '/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json', 'content-encoding': 'zstd' },
    body: '{}',
  });
  expect(unknown.status).toBe(415);
  await expectStillServing();
});

test('unknown routes → 404, wrong methods → 405 with Allow', async () => {
  const missing = await send(backend.httpUrl, 'GET', '/nope', { headers: AUTH });
  expect(missing.status).toBe(404);
  expect(missing.json().error).toMatch(/no route for GET \/nope/);
  const wrong = await send(backend.httpUrl, 'GET', '/v1/traces', { headers: AUTH });
  expect(wrong.status).toBe(405);
  expect(wrong.headers.allow).toBe('POST');
  await expectStillServing();
});

test('JSON routes: malformed JSON → 400', async () => {
  const reply = await sendJson(backend.httpUrl, 'POST', '/v1/sessions', '{"session_name": ');
  expect(reply.status).toBe(400);
  expect(reply.json().error).toMatch(/malformed JSON body/);
  await expectStillServing();
});

test('gRPC: undecodable protobuf → INVALID_ARGUMENT, then a good export works', async () => {
  const client = grpcClient(backend.grpcUrl);
  try {
    const bad = await grpcExport(client, Buffer.from([0x0a, 0x05, 0x01]));
    expect(bad.error?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(bad.error?.details).toMatch(/undecodable protobuf/);
    const good = await grpcExport(
      client,
      encodeExportRequest({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, 2), name: 'g' }] }] }] }),
    );
    expect(good.error).toBeNull();
    expect(backend.spans().map((s) => s.name)).toEqual(['g']);
  } finally {
    client.close();
  }
});
