import { status as GrpcStatus } from '@grpc/grpc-js';
import { startLocalBackend, type LocalBackend } from '../src';
import { encodeExportRequest, grpcClient, grpcExport, send } from './helpers';

const ONE_SPAN = encodeExportRequest({
  resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.alloc(16, 1), spanId: Buffer.alloc(8, 2), name: 's' }] }] }],
});

describe('default: any non-empty bearer token', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend();
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.reset());

  test.each([
    ['missing header', {}, /missing Authorization/],
    ['not bearer', { authorization: 'Basic abc' }, /Bearer <api key>/],
    ['empty token', { authorization: 'Bearer   ' }, /./],
  ])('HTTP 401 when %s, on OTLP and JSON routes, nothing stored', async (_name, headers, reason) => {
    for (const [path, contentType, body] of [
      ['/opentelemetry/v1/traces', 'application/x-protobuf', ONE_SPAN],
      ['/v1/sessions', 'application/json', '{}'],
      ['/v1/events', 'application/json', '{"session_id":"s"}'],
    ] as const) {
      const reply = await send(backend.httpUrl, 'POST', path, { headers: { ...headers, 'content-type': contentType }, body });
      expect(reply.status).toBe(401);
      expect(reply.json().error).toMatch(reason);
    }
    expect(backend.spans()).toHaveLength(0);
    expect(backend.sessions()).toHaveLength(0);
    expect(backend.events()).toHaveLength(0);
    expect(backend.requests().map((r) => r.outcome)).toEqual(['rejected', 'rejected', 'rejected']);
  });

  test('any non-empty token is accepted and recorded', async () => {
    const reply = await send(backend.httpUrl, 'POST', '/v1/traces', {
      headers: { authorization: 'bearer whatever', 'content-type': 'application/x-protobuf' },
      body: ONE_SPAN,
    });
    expect(reply.status).toBe(200);
    expect(backend.requests()[0]!.apiKey).toBe('whatever');
  });

  test('gRPC without authorization metadata: UNAUTHENTICATED with a reason', async () => {
    const client = grpcClient(backend.grpcUrl);
    try {
      const { error } = await grpcExport(client, ONE_SPAN, {});
      expect(error?.code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect(error?.details).toMatch(/missing Authorization/);
      expect(backend.spans()).toHaveLength(0);
      expect(backend.requests()[0]).toMatchObject({ protocol: 'grpc', grpcCode: GrpcStatus.UNAUTHENTICATED, outcome: 'rejected' });
    } finally {
      client.close();
    }
  });
});

describe('apiKeys option', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend({ apiKeys: ['good-key-1', 'good-key-2'] });
  });
  afterAll(() => backend.stop());
  beforeEach(() => backend.reset());

  test('HTTP: listed keys pass, others get 401', async () => {
    const post = (key: string) =>
      send(backend.httpUrl, 'POST', '/v1/traces', {
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/x-protobuf' },
        body: ONE_SPAN,
      });
    expect((await post('good-key-2')).status).toBe(200);
    const bad = await post('wrong-key');
    expect(bad.status).toBe(401);
    expect(bad.json().error).toMatch(/not accepted/);
    expect(backend.spans()).toHaveLength(1);
    expect(backend.requests().map((r) => r.apiKey)).toEqual(['good-key-2', 'wrong-key']);
  });

  test('gRPC: a listed key passes, another gets UNAUTHENTICATED', async () => {
    const client = grpcClient(backend.grpcUrl);
    try {
      const ok = await grpcExport(client, ONE_SPAN, { authorization: 'Bearer good-key-1' });
      expect(ok.error).toBeNull();
      expect(ok.response?.length).toBe(0);
      const bad = await grpcExport(client, ONE_SPAN, { authorization: 'Bearer nope' });
      expect(bad.error?.code).toBe(GrpcStatus.UNAUTHENTICATED);
      expect(backend.spans()).toHaveLength(1);
      expect(backend.requests()[0]!.headers.authorization).toBe('Bearer good…');
    } finally {
      client.close();
    }
  });
});
