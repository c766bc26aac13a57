import { Agent } from 'node:http';
import { startLocalBackend, type LocalBackend } from '../src';
import { encodeExportRequest, grpcClient, grpcExport, postOtlpJson, send, AUTH } from './helpers';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
beforeEach(() => backend.reset());

function post(agent: Agent) {
  return send(backend.httpUrl, 'POST', '/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: '{}',
    agent,
  });
}

test('two requests on one keep-alive agent share a connection id; another agent gets another id', async () => {
  const a = new Agent({ keepAlive: true, maxSockets: 1 });
  const b = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    await post(a);
    await post(a);
    await post(b);
    const ids = backend.requests().map((r) => r.connectionId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(backend.connectionCount()).toBe(2);
  } finally {
    a.destroy();
    b.destroy();
  }
});

test('requests without keep-alive each get their own connection id', async () => {
  await postOtlpJson(backend.httpUrl, []);
  await postOtlpJson(backend.httpUrl, []);
  expect(backend.connectionCount()).toBe(2);
});

test('gRPC: calls on one client share a connection id, a client with its own connection differs', async () => {
  const body = encodeExportRequest({});
  const one = grpcClient(backend.grpcUrl);
  const two = grpcClient(backend.grpcUrl, true);
  try {
    await grpcExport(one, body);
    await grpcExport(one, body);
    await grpcExport(two, body);
    const ids = backend.requests().map((r) => r.connectionId);
    expect(ids[0]).toBe(ids[1]);
    expect(ids[2]).not.toBe(ids[0]);
    expect(backend.connectionCount()).toBe(2);
  } finally {
    one.close();
    two.close();
  }
});

test('stop() closes idle keep-alive connections promptly and is idempotent', async () => {
  const own = await startLocalBackend();
  const agent = new Agent({ keepAlive: true });
  try {
    await send(own.httpUrl, 'POST', '/v1/traces', { headers: { ...AUTH, 'content-type': 'application/json' }, body: '{}', agent });
    await own.stop();
    await own.stop();
    await expect(send(own.httpUrl, 'POST', '/v1/traces', { headers: AUTH, body: '{}' })).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    agent.destroy();
    await own.stop();
  }
});

test('waitForSpans rejects with the number that arrived', async () => {
  await postOtlpJson(backend.httpUrl, [{ traceId: '01'.repeat(16), spanId: '02'.repeat(8), name: 'only' }]);
  await expect(backend.waitForSpans(2, 50)).rejects.toThrow(/waited for 2 span\(s\), 1 arrived/);
  await expect(backend.waitFor(() => backend.requests().length === 1 && 'yes', 50)).resolves.toBe('yes');
});
