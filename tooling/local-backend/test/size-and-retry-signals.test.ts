import { status as GrpcStatus } from '@grpc/grpc-js';
import { startLocalBackend, type LocalBackend } from '../src';
import { AUTH, encodeExportRequest, grpcClient, grpcExport, send } from './helpers';

// Request-size limits (HTTP 413, gRPC RESOURCE_EXHAUSTED "Received message larger than max") and the gRPC
// throttling signals a status fault can carry (retry-after, grpc-retry-pushback-ms, RetryInfo).

const LIMIT = 16 * 1024;
let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend({ maxBodyBytes: LIMIT });
});
afterAll(() => backend.stop());
beforeEach(() => backend.reset());

function requestOfSize(payloadBytes: number): Buffer {
  return encodeExportRequest({
    resourceSpans: [{
      scopeSpans: [{
        spans: [{
          traceId: Buffer.alloc(16, 1),
          spanId: Buffer.alloc(8, 2),
          name: 'sized',
          attributes: [{ key: 'payload', value: { stringValue: 'x'.repeat(payloadBytes) } }],
        }],
      }],
    }],
  });
}

describe('maxBodyBytes', () => {
  test('HTTP: a body over the limit gets 413 (after the whole body was read) and is recorded', async () => {
    const reply = await send(backend.httpUrl, 'POST', '/v1/traces', {
      headers: { ...AUTH, 'content-type': 'application/x-protobuf' },
      body: requestOfSize(LIMIT * 4),
    });
    expect(reply.status).toBe(413);
    expect(backend.requests()).toEqual([expect.objectContaining({ status: 413, outcome: 'rejected' })]);
    expect(backend.spans()).toHaveLength(0);
  });

  test('gRPC: a message over the limit gets RESOURCE_EXHAUSTED in grpc-js words and is recorded; smaller ones pass', async () => {
    const client = grpcClient(backend.grpcUrl);
    try {
      const big = requestOfSize(LIMIT * 2);
      const refused = await grpcExport(client, big);
      expect(refused.error?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      expect(refused.error?.details).toBe(`Received message larger than max (${big.length} vs. ${LIMIT})`);
      expect((await grpcExport(client, requestOfSize(100))).error).toBeNull();
      expect(backend.requests().map((r) => [r.grpcCode, r.outcome])).toEqual([
        [GrpcStatus.RESOURCE_EXHAUSTED, 'rejected'],
        [GrpcStatus.OK, 'ok'],
      ]);
      expect(backend.spans()).toHaveLength(1);
    } finally {
      client.close();
    }
  });
});

describe('gRPC retry signals of a status fault', () => {
  async function trailersOf(hints?: Array<'retry-after' | 'pushback' | 'retry-info'>) {
    await backend.faults.set({ kind: 'status', status: 429, retryAfterSeconds: 2.5, count: 1, ...(hints ? { grpcRetryHints: hints } : {}) });
    const client = grpcClient(backend.grpcUrl);
    try {
      const { error } = await grpcExport(client, requestOfSize(10));
      expect(error?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
      return error!.metadata;
    } finally {
      client.close();
    }
  }

  test('default: retry-after and grpc-retry-pushback-ms, no status details', async () => {
    const metadata = await trailersOf();
    expect(metadata.get('retry-after')).toEqual(['2.5']);
    expect(metadata.get('grpc-retry-pushback-ms')).toEqual(['2500']);
    expect(metadata.get('grpc-status-details-bin')).toEqual([]);
  });

  test('retry-info only: a google.rpc.Status with RetryInfo { retry_delay: 2.5 s } in grpc-status-details-bin', async () => {
    const metadata = await trailersOf(['retry-info']);
    expect(metadata.get('retry-after')).toEqual([]);
    expect(metadata.get('grpc-retry-pushback-ms')).toEqual([]);
    const [details] = metadata.get('grpc-status-details-bin') as Buffer[];
    // Status { code: 8, message, details: [Any { type_url, value: RetryInfo { Duration { seconds: 2, nanos: 5e8 } } }] }
    expect(details!.subarray(0, 2)).toEqual(Buffer.from([0x08, 0x08]));
    expect(details!.includes(Buffer.from('type.googleapis.com/google.rpc.RetryInfo'))).toBe(true);
    const duration = Buffer.from([0x08, 0x02, 0x10, 0x80, 0xca, 0xb5, 0xee, 0x01]); // seconds 2, nanos 500000000
    expect(details!.subarray(details!.length - duration.length)).toEqual(duration);
  });

  test('a malformed hint list is refused', async () => {
    await expect(backend.faults.set({ kind: 'status', status: 429, grpcRetryHints: ['smoke' as 'pushback'] })).rejects.toThrow(/grpcRetryHints/);
  });
});
