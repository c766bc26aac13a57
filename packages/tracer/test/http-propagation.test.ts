// Automatic HTTP tracing sends the trace context and baggage only to the user's own hosts
// (`httpTracingPropagateTo`, default loopback), never a secret-looking baggage key, and nothing to other hosts.
// Two loopback servers on different ports stand for "own host" and "third party". Runs fixtures/http-propagation.js
// on the built package.
import { execFile, execFileSync } from 'node:child_process';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';

const API_KEY = 'hh-propagation-key';
const SCRIPT = path.join(__dirname, 'fixtures', 'http-propagation.js');
let backend: LocalBackend;

interface Target {
  server: Server;
  url: string;
  hostPort: string;
  seen: IncomingHttpHeaders[];
}
let own: Target;
let other: Target;

async function target(): Promise<Target> {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    res.end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, url: `http://127.0.0.1:${port}/call`, hostPort: `127.0.0.1:${port}`, seen };
}

beforeAll(() => {
  // ensure-built goes on past type errors (the typecheck reports those) and fails only when no build is left
  execFileSync(process.execPath, [require.resolve('../../../tooling/scripts/ensure-built.mjs'), path.resolve(__dirname, '..')], { stdio: 'pipe', timeout: 120_000 });
});
beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
  own = await target();
  other = await target();
});
beforeEach(() => {
  own.seen.length = 0;
  other.seen.length = 0;
});
afterAll(async () => {
  await backend?.stop();
  await Promise.all([own, other].map((t) => new Promise<void>((resolve) => t.server.close(() => resolve()))));
});

function runChild(propagateTo: string[] | undefined): Promise<string> {
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HH_API_KEY: API_KEY, HH_API_URL: backend.httpUrl, OWN_URL: own.url, OTHER_URL: other.url };
  if (propagateTo !== undefined) env.PROPAGATE_TO = JSON.stringify(propagateTo);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [SCRIPT], { env, timeout: 30_000 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`child failed: ${error.message}\n${stderr}`));
      else resolve((JSON.parse(stdout.trim()) as { sessionId: string }).sessionId);
    });
  });
}

it('sends context to allowed hosts only, with the session and without secret-looking keys', async () => {
  const sessionId = await runChild([own.hostPort]);
  expect(own.seen).toHaveLength(1);
  expect(own.seen[0]?.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-03$/);
  const baggage = own.seen[0]?.baggage ?? '';
  expect(baggage).toContain(`session_id=${sessionId}`);
  expect(baggage).toContain('tenant=acme');
  expect(baggage).toContain('user_email=');
  expect(baggage).not.toContain('api_key');
  expect(baggage).not.toContain('sk-incoming');
  expect(other.seen).toHaveLength(1);
  expect(other.seen[0]).not.toHaveProperty('traceparent');
  expect(other.seen[0]).not.toHaveProperty('baggage');
  // the request to the third party is still traced
  const spans = await backend.waitFor(() => {
    const found = backend.spans().filter((span) => JSON.stringify(span.attributes).includes(other.hostPort));
    return found.length > 0 ? found : undefined;
  }, 20_000);
  expect(spans[0]?.attributes['honeyhive.session_id']).toBe(sessionId);
}, 60_000);

it('sends context to loopback hosts by default, and to none with an empty list', async () => {
  await runChild(undefined);
  expect([own.seen[0]?.traceparent, other.seen[0]?.traceparent].every((value) => typeof value === 'string')).toBe(true);
  expect(own.seen[0]?.baggage).not.toContain('api_key');
  own.seen.length = 0;
  await runChild([]);
  expect(own.seen[0]).not.toHaveProperty('traceparent');
  expect(own.seen[0]).not.toHaveProperty('baggage');
}, 60_000);
