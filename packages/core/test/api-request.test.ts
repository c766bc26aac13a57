import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { apiRequest } from '../src/api-request';

const API_KEY = 'hh-api-request-key';
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(() => backend.reset());
afterAll(() => backend.stop());

const SESSION = '3f1c7a52-3b8e-4d7e-9a0b-6d2f8c1e4a90';

function startSession(timeoutMs = 5_000, signal?: AbortSignal) {
  return apiRequest({
    method: 'POST',
    url: `${backend.httpUrl}/v1/sessions`,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${API_KEY}`, 'hh-client-package': 'test' },
    body: { session_id: SESSION, project: 'api-request', session_name: 'café ☕', source: 'unit' },
    timeoutMs,
    signal,
  });
}

it('sends the JSON body (UTF-8 intact) with its headers and parses the JSON answer', async () => {
  const response = await startSession();
  expect(response).toMatchObject({ ok: true, status: expect.any(Number), attempts: 1 });
  expect(response.body).toEqual(expect.objectContaining({ session_id: SESSION }));
  const [request] = backend.requests().filter((r) => r.route === 'sessions');
  expect(request?.apiKey).toBe(API_KEY);
  expect(backend.session(SESSION)?.session_name).toBe('café ☕');
});

it('retries a 503 after its Retry-After and a connection reset, then succeeds', async () => {
  await backend.faults.set({ kind: 'status', status: 503, retryAfterSeconds: 0, routes: 'sessions', count: 1 });
  expect(await startSession()).toMatchObject({ ok: true, attempts: 2 });
  await backend.faults.set({ kind: 'reset', routes: 'sessions', count: 1 });
  expect(await startSession()).toMatchObject({ ok: true, attempts: 2 });
});

it('does not retry a 401 and names the route and status, never the key', async () => {
  const response = await apiRequest({ method: 'POST', url: `${backend.httpUrl}/v1/sessions`, headers: { Authorization: 'Bearer wrong' }, body: {}, timeoutMs: 5_000 });
  expect(response).toMatchObject({ ok: false, status: 401, attempts: 1 });
  expect(response.error?.message).toMatch(/^POST \/v1\/sessions answered 401/);
});

it('reports a refused connection with its code, within the time budget', async () => {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  const response = await apiRequest({ method: 'GET', url: `http://127.0.0.1:${port}/v1/sessions/x`, headers: {}, timeoutMs: 20_000, retries: 1 });
  expect(response).toMatchObject({ ok: false, status: 0 });
  expect(response.error?.message).toMatch(/^GET \/v1\/sessions\/x failed: .*ECONNREFUSED/);
});

describe('against a server that never answers', () => {
  let silent: Server;
  let url: string;
  beforeAll(async () => {
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/v1/events`;
  });
  afterAll(async () => {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  });

  it('gives up at the timeout', async () => {
    const response = await apiRequest({ method: 'PUT', url, headers: {}, body: { a: 1 }, timeoutMs: 200 });
    expect(response.error?.message).toBe('PUT /v1/events failed: no answer within 200 ms');
  });

  it('stops when its signal aborts', async () => {
    const aborter = new AbortController();
    const pending = apiRequest({ method: 'PUT', url, headers: {}, body: { a: 1 }, timeoutMs: 10_000, signal: aborter.signal });
    setTimeout(() => aborter.abort(), 50);
    expect((await pending).error?.message).toBe('PUT /v1/events failed: aborted');
  });
});

describe('failure kinds and messages that read the same for every id', () => {
  it('names the route template, not the id, and leaves ids out of the server reason', async () => {
    const id = '0f9e8d7c-6b5a-4321-8fed-cba987654321';
    await backend.faults.set({ kind: 'status', status: 400, routes: 'events', body: JSON.stringify({ error: `event ${id} is unknown` }) });
    const response = await apiRequest({ method: 'PUT', url: `${backend.httpUrl}/v1/events/${id}`, route: '/v1/events/{id}', headers: { Authorization: `Bearer ${API_KEY}` }, body: {}, timeoutMs: 5_000 });
    expect(response).toMatchObject({ ok: false, status: 400, failure: 'status' });
    expect(response.error?.message).toBe('PUT /v1/events/{id} answered 400: event {id} is unknown');
  });

  it('tells a connection failure, a timeout, an abort and an unsendable body apart', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    // refused at once; the timeout only bounds it (a short one could end first on a stalled machine: 'timeout')
    expect((await apiRequest({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, timeoutMs: 20_000, retries: 0 })).failure).toBe('connection');
    const aborted = new AbortController();
    aborted.abort();
    expect((await apiRequest({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, timeoutMs: 1_000, signal: aborted.signal })).failure).toBe('aborted');
    const late = await apiRequest({ method: 'GET', url: `http://127.0.0.1:${port}/x`, headers: {}, timeoutMs: 0, statedTimeoutMs: 10_000 });
    expect(late).toMatchObject({ failure: 'timeout', attempts: 0 });
    expect(late.error?.message).toBe('GET /x not sent: no time left within 10000 ms');
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect((await apiRequest({ method: 'POST', url: `http://127.0.0.1:${port}/x`, headers: {}, body: cyclic, timeoutMs: 1_000 })).failure).toBe('body');
  });
});
