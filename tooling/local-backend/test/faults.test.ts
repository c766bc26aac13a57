import { status as GrpcStatus } from '@grpc/grpc-js';
import { OTLPTraceExporter as ProtoExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { Agent } from 'node:http';
import { startLocalBackend, type LocalBackend } from '../src';
import { otlpTraceTypes } from '../src/proto/otlp-schema';
import { AUTH, emitSpanSet, encodeExportRequest, grpcClient, grpcExport, postOtlpJson, send, sendJson } from './helpers';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
beforeEach(() => backend.reset());

let seq = 0;
function oneSpan() {
  seq += 1;
  return [{ traceId: '0a'.repeat(16), spanId: seq.toString(16).padStart(16, '0'), name: `s${seq}` }];
}
const PROTO_BODY = encodeExportRequest({
  resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: Buffer.alloc(16, 3), spanId: Buffer.alloc(8, 4), name: 'p' }] }] }],
});

describe('status', () => {
  test('count: the next N trace requests get the status with Retry-After; their spans are not stored', async () => {
    await backend.faults.set({ kind: 'status', status: 503, retryAfterSeconds: 7, count: 2 });
    const first = await postOtlpJson(backend.httpUrl, oneSpan());
    const second = await postOtlpJson(backend.httpUrl, oneSpan());
    const third = await postOtlpJson(backend.httpUrl, oneSpan());
    expect([first.status, second.status, third.status]).toEqual([503, 503, 200]);
    expect(first.headers['retry-after']).toBe('7');
    expect(first.json().error).toMatch(/injected fault: status 503/);
    expect(backend.spans()).toHaveLength(1);
    expect(backend.requests().map((r) => [r.status, r.outcome, r.fault, r.spanCount])).toEqual([
      [503, 'fault', 'status', 0],
      [503, 'fault', 'status', 0],
      [200, 'ok', undefined, 1],
    ]);
    expect(backend.faults.active()).toEqual([]);
  });

  test('a custom body; no Retry-After unless asked', async () => {
    await backend.faults.set({ kind: 'status', status: 429, body: 'slow down', count: 1 });
    const reply = await postOtlpJson(backend.httpUrl, oneSpan());
    expect(reply.status).toBe(429);
    expect(reply.text).toBe('slow down');
    expect(reply.headers['retry-after']).toBeUndefined();
  });

  test('durationMs: a time window, after which requests succeed again', async () => {
    // The window is read from Date.now(): the test moves that clock past the window's end instead of racing a
    // short real one (a loaded machine could let 150 ms pass before the first request).
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'clearImmediate', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'queueMicrotask', 'hrtime', 'performance'] });
    try {
      await backend.faults.set({ kind: 'status', status: 500, durationMs: 60_000 });
      expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(500);
      expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(500);
      jest.setSystemTime(Date.now() + 59_000);
      expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(500);
      jest.setSystemTime(Date.now() + 1_000);
      expect(backend.faults.active()).toEqual([]);
      expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
      expect(backend.spans()).toHaveLength(1);
    } finally {
      jest.useRealTimers();
    }
  });

  test('routes: default traces only; "sessions" / "events" / "all" select other routes', async () => {
    await backend.faults.set({ kind: 'status', status: 503 });
    expect((await sendJson(backend.httpUrl, 'POST', '/v1/sessions', {})).status).toBe(200);
    await backend.faults.set({ kind: 'status', status: 503, routes: 'sessions' });
    expect((await sendJson(backend.httpUrl, 'POST', '/v1/sessions', {})).status).toBe(503);
    expect((await sendJson(backend.httpUrl, 'POST', '/v1/events', { session_id: 'x' })).status).toBe(200);
    expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
    await backend.faults.set({ kind: 'status', status: 401, routes: ['events'] });
    expect((await sendJson(backend.httpUrl, 'POST', '/v1/events', { session_id: 'x' })).status).toBe(401);
    await backend.faults.set({ kind: 'status', status: 500, routes: 'all' });
    expect((await sendJson(backend.httpUrl, 'POST', '/session/start', { session: {} })).status).toBe(500);
    expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(500);
  });

  test('protocols: only the named encodings are faulted', async () => {
    await backend.faults.set({ kind: 'status', status: 503, protocols: ['http/protobuf'] });
    expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
    const proto = await send(backend.httpUrl, 'POST', '/v1/traces', { headers: { ...AUTH, 'content-type': 'application/x-protobuf' }, body: PROTO_BODY });
    expect(proto.status).toBe(503);
    const client = grpcClient(backend.grpcUrl);
    try {
      expect((await grpcExport(client, PROTO_BODY)).error).toBeNull();
    } finally {
      client.close();
    }
  });

  test('the real proto exporter retries after a 503 and the spans arrive once', async () => {
    await backend.faults.set({ kind: 'status', status: 503, retryAfterSeconds: 0, count: 1 });
    await emitSpanSet(new ProtoExporter({ url: backend.otlpHttpUrl, headers: AUTH }));
    const spans = await backend.waitForSpans(3);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(3);
    expect(backend.requests().map((r) => r.status)).toEqual([503, 200, 200, 200]);
  });

  test('malformed rules are refused with a TypeError', async () => {
    await expect(backend.faults.set({ kind: 'status', status: 99 })).rejects.toThrow(TypeError);
    await expect(backend.faults.set({ kind: 'refuse', count: 1 })).rejects.toThrow(/refuse cannot be counted/);
    await expect(backend.faults.set({ kind: 'delay', ms: 10, count: 0 })).rejects.toThrow(/count/);
  });
});

describe('delay', () => {
  test('delays then answers normally; spans are stored', async () => {
    await backend.faults.set({ kind: 'delay', ms: 50, count: 1 });
    const reply = await postOtlpJson(backend.httpUrl, oneSpan());
    expect(reply.status).toBe(200);
    expect(backend.spans()).toHaveLength(1);
    expect(backend.requests()[0]).toMatchObject({ fault: 'delay', outcome: 'ok', status: 200 });
  });

  test('a client that gives up during the delay: recorded as aborted, spans not stored', async () => {
    // The client leaves once the backend has taken the request into the delay (the counted rule is used up), not
    // after a client-side timer that a loaded machine could fire before the request even arrived. The delay only
    // has to outlast that hand-over; the record appears when it ends.
    await backend.faults.set({ kind: 'delay', ms: 3_000, count: 1 });
    const aborter = new AbortController();
    const sent = send(backend.httpUrl, 'POST', '/v1/traces', {
      headers: { ...AUTH, 'content-type': 'application/x-protobuf' },
      body: PROTO_BODY,
      signal: aborter.signal,
    });
    await backend.waitFor(() => backend.faults.active().length === 0);
    aborter.abort();
    await expect(sent).rejects.toThrow(/abort/i);
    const [request] = await backend.waitFor(() => (backend.requests().length === 1 ? backend.requests() : undefined));
    expect(request).toMatchObject({ outcome: 'aborted', fault: 'delay', status: 0, spanCount: 0, reason: 'client gone during the injected 3000 ms delay' });
    expect(backend.spans()).toHaveLength(0);
  });
});

describe('reset', () => {
  test('the connection is destroyed after the headers; nothing stored; the next request works', async () => {
    await backend.faults.set({ kind: 'reset', count: 1 });
    await expect(postOtlpJson(backend.httpUrl, oneSpan())).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(backend.requests()[0]).toMatchObject({ fault: 'reset', outcome: 'fault', status: 0 });
    expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
    expect(backend.spans()).toHaveLength(1);
  });
});

describe('garbage', () => {
  test('200 with a body that does not decode (protobuf and JSON); spans not stored', async () => {
    await backend.faults.set({ kind: 'garbage', count: 2 });
    const proto = await send(backend.httpUrl, 'POST', '/v1/traces', { headers: { ...AUTH, 'content-type': 'application/x-protobuf' }, body: PROTO_BODY });
    expect(proto.status).toBe(200);
    expect(() => otlpTraceTypes().response.decode(proto.body)).toThrow();
    const json = await postOtlpJson(backend.httpUrl, oneSpan());
    expect(json.status).toBe(200);
    expect(() => JSON.parse(json.text)).toThrow();
    expect(backend.spans()).toHaveLength(0);
    expect(backend.requests().map((r) => r.fault)).toEqual(['garbage', 'garbage']);
  });
});

describe('refuse', () => {
  test('closes both listeners (dropping keep-alive connections) and re-listens on the same ports when cleared', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const client = grpcClient(backend.grpcUrl, true);
    try {
      const viaAgent = () => send(backend.httpUrl, 'POST', '/v1/traces', { headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}', agent });
      expect((await viaAgent()).status).toBe(200);
      await backend.faults.set({ kind: 'refuse' });
      await expect(postOtlpJson(backend.httpUrl, oneSpan())).rejects.toThrow(/ECONNREFUSED/);
      await expect(viaAgent()).rejects.toThrow(/ECONNREFUSED|socket hang up|ECONNRESET/);
      const refused = await grpcExport(client, PROTO_BODY, undefined, 1000);
      expect(refused.error?.code).toBeDefined();
      expect([GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]).toContain(refused.error?.code);

      await backend.faults.clear(); // the same URLs must work again
      expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
      const recovered = grpcClient(backend.grpcUrl, true);
      try {
        expect((await grpcExport(recovered, PROTO_BODY)).error).toBeNull();
      } finally {
        recovered.close();
      }
    } finally {
      agent.destroy();
      client.close();
    }
  });

  test('durationMs: refused during the window, then listening again on the same port', async () => {
    // The window is long enough for the first request to land inside it even on a loaded machine.
    await backend.faults.set({ kind: 'refuse', durationMs: 1_000, protocols: ['http'] });
    await expect(postOtlpJson(backend.httpUrl, oneSpan())).rejects.toThrow(/ECONNREFUSED/);
    // Retry as a client would, until the window is over (bounded so a broken re-listen fails the test).
    let status = 0;
    const giveUpAt = Date.now() + 30_000;
    while (status === 0 && Date.now() < giveUpAt) {
      status = await postOtlpJson(backend.httpUrl, oneSpan()).then((r) => r.status, () => 0);
      if (status === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(status).toBe(200);
    expect(backend.requests().map((r) => r.status)).toEqual([200]);
  });

  test('protocols: ["grpc"] closes only the gRPC listener', async () => {
    await backend.faults.set({ kind: 'refuse', protocols: ['grpc'] });
    expect((await postOtlpJson(backend.httpUrl, oneSpan())).status).toBe(200);
    const client = grpcClient(backend.grpcUrl, true);
    try {
      expect((await grpcExport(client, PROTO_BODY, undefined, 500)).error).not.toBeNull();
    } finally {
      client.close();
    }
    await backend.faults.clear();
  });
});

describe('gRPC faults', () => {
  let client: ReturnType<typeof grpcClient>;
  beforeEach(() => {
    client = grpcClient(backend.grpcUrl, true);
  });
  afterEach(() => client.close());

  test('status → RESOURCE_EXHAUSTED / UNAVAILABLE with retry metadata; spans not stored', async () => {
    await backend.faults.set([
      { kind: 'status', status: 429, retryAfterSeconds: 2, count: 1 },
      { kind: 'status', status: 503, count: 1 },
    ]);
    const limited = await grpcExport(client, PROTO_BODY);
    expect(limited.error?.code).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(limited.error?.metadata.get('retry-after')).toEqual(['2']);
    expect(limited.error?.metadata.get('grpc-retry-pushback-ms')).toEqual(['2000']);
    expect((await grpcExport(client, PROTO_BODY)).error?.code).toBe(GrpcStatus.UNAVAILABLE);
    expect((await grpcExport(client, PROTO_BODY)).error).toBeNull();
    expect(backend.spans()).toHaveLength(1);
    expect(backend.requests().map((r) => [r.grpcCode, r.fault])).toEqual([
      [GrpcStatus.RESOURCE_EXHAUSTED, 'status'],
      [GrpcStatus.UNAVAILABLE, 'status'],
      [GrpcStatus.OK, undefined],
    ]);
  });

  test('reset destroys the connection; the client sees an error and the next call works', async () => {
    await backend.faults.set({ kind: 'reset', count: 1 });
    const reset = await grpcExport(client, PROTO_BODY);
    expect(reset.error).not.toBeNull();
    expect(backend.requests()[0]).toMatchObject({ fault: 'reset', status: 0, grpcCode: undefined });
    expect((await grpcExport(client, PROTO_BODY)).error).toBeNull();
    expect(backend.spans()).toHaveLength(1);
  });

  test('delay then OK; garbage → undecodable response bytes', async () => {
    await backend.faults.set([{ kind: 'delay', ms: 30, count: 1, protocols: ['grpc'] }]);
    expect((await grpcExport(client, PROTO_BODY)).error).toBeNull();
    await backend.faults.set({ kind: 'garbage', count: 1 });
    const garbage = await grpcExport(client, PROTO_BODY);
    expect(garbage.error).toBeNull();
    expect(() => otlpTraceTypes().response.decode(garbage.response!)).toThrow();
    expect(backend.spans()).toHaveLength(1);
  });
});
