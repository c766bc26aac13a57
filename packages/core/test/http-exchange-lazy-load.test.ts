import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';

// Session and event requests load `node:http` / `node:https` when the first one is sent, and only the one its
// URL needs: `node:https` (TLS) costs a process about 1 MiB of RSS more than `node:http`, which an app that
// sends to an http:// endpoint (a local collector, a test backend) never needs.

const API_KEY = 'hh-lazy-http-key';
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterAll(() => backend.stop());

it('loads only node:http, on the first request, for an http:// URL', async () => {
  const loads: string[] = [];
  await jest.isolateModulesAsync(async () => {
    for (const name of ['node:http', 'node:https']) {
      jest.doMock(name, () => {
        loads.push(name);
        return jest.requireActual(name);
      });
    }
    const { apiRequest } = require('../src/api-request') as typeof import('../src/api-request');
    expect(loads).toEqual([]);
    const response = await apiRequest({
      method: 'POST',
      url: `${backend.httpUrl}/v1/sessions`,
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${API_KEY}` },
      body: { session_id: '0f6d8a52-3b8e-4d7e-9a0b-6d2f8c1e4a91', project: 'lazy-http', session_name: 'lazy', source: 'unit' },
      timeoutMs: 20_000,
    });
    expect(response.ok).toBe(true);
    expect(loads).toEqual(['node:http']);
  });
});
