import { randomBytes, randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { startLocalBackend } from '@honeyhive/local-backend';
import type { LocalBackend, ReceivedSpan } from '@honeyhive/local-backend';
import { HoneyHiveTracer } from '@honeyhive/tracer';
import { sessionOf } from './support/backend-spans';
import { ensureBuilt } from './support/build';
import { startChildServer } from './support/child-server';
import type { ChildServer } from './support/child-server';

// Two processes: this test is the client; fixtures/distributed-server.js (on the built packages) is the
// server, with its own HoneyHiveTracer on the same local backend. Context crosses in HTTP headers.

const API_KEY = 'hh-e2e-key';
const SERVER_SCRIPT = path.resolve(__dirname, '..', 'fixtures', 'distributed-server.js');

interface ServerAnswer {
  traceId: string;
  spanId: string;
  sessionId: string;
}

let backend: LocalBackend;
let server: ChildServer;
let tracer: HoneyHiveTracer;

beforeAll(async () => {
  ensureBuilt('packages/tracer');
  backend = await startLocalBackend();
  server = await startChildServer(SERVER_SCRIPT, { E2E_BACKEND_URL: backend.httpUrl, E2E_API_KEY: API_KEY });
  tracer = new HoneyHiveTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    project: 'e2e-client-project',
    source: 'e2e-client',
    disableBatch: true,
    flushOnExit: false,
  });
}, 120_000);

afterAll(async () => {
  await tracer?.shutdown();
  const code = await server?.stop();
  await backend?.stop();
  expect(code).toBe(0);
});

async function callServer(headers: Record<string, string>): Promise<ServerAnswer> {
  const response = await fetch(`http://127.0.0.1:${server.port}/work`, { headers });
  if (!response.ok) throw new Error(`server answered ${response.status}: ${await response.text()}\n${server.output()}`);
  return (await response.json()) as ServerAnswer;
}

/** The server's two spans (`server.handle` and its child `server.work`) of one trace, once both arrived. */
async function serverSpans(traceId: string): Promise<{ root: ReceivedSpan; work: ReceivedSpan }> {
  return backend.waitFor(() => {
    const inTrace = backend.spans().filter((span) => span.traceId === traceId);
    const root = inTrace.find((span) => span.name === 'server.handle');
    const work = inTrace.find((span) => span.name === 'server.work');
    return root !== undefined && work !== undefined ? { root, work } : undefined;
  }, 30_000);
}

describe('distributed tracing across two processes', () => {
  it("puts the server's spans under the client's session, trace and span", async () => {
    const { sessionId, clientSpan, answer } = await tracer.withSession({ sessionName: 'e2e-distributed' }, (id) =>
      tracer.getTracer().startActiveSpan('client.call', async (span) => {
        const headers = tracer.inject({});
        try {
          return { sessionId: id, clientSpan: span.spanContext(), answer: await callServer(headers) };
        } finally {
          span.end();
        }
      }),
    );
    await tracer.flush();

    expect(sessionId).not.toBe(tracer.sessionId);
    expect(answer).toMatchObject({ traceId: clientSpan.traceId, sessionId });
    const { root, work } = await serverSpans(clientSpan.traceId);
    const client = await backend.waitFor(() => backend.spans().find((span) => span.spanId === clientSpan.spanId), 30_000);

    expect(sessionOf(client)).toBe(sessionId);
    expect(sessionOf(root)).toBe(sessionId);
    expect(sessionOf(work)).toBe(sessionId);
    expect(root.traceId).toBe(clientSpan.traceId);
    expect(root.parentSpanId).toBe(clientSpan.spanId);
    expect(work.parentSpanId).toBe(root.spanId);
    // The server's spans come from the server's tracer (its source), not from the client's.
    expect(root.attributes['honeyhive.source']).toBe('e2e-server');
    expect(client.attributes['honeyhive.source']).toBe('e2e-client');

    const tree = backend.sessionTree(sessionId);
    const clientNode = tree?.children.find((node) => node.event_id === clientSpan.spanId);
    expect(clientNode?.children.map((node) => node.event_name)).toEqual(['server.handle']);
    expect(clientNode?.children[0]?.children.map((node) => node.event_name)).toEqual(['server.work']);
  });

  it('joins a session named in the Python SDK baggage variants with a hand-written traceparent', async () => {
    const sessionId = randomUUID();
    const traceId = randomBytes(16).toString('hex');
    const parentSpanId = randomBytes(8).toString('hex');
    const answer = await callServer({
      traceparent: `00-${traceId}-${parentSpanId}-01`,
      baggage: `honeyhive_session_id=${sessionId},honeyhive_project=p`,
    });

    expect(answer).toMatchObject({ traceId, sessionId });
    const { root, work } = await serverSpans(traceId);
    expect(sessionOf(root)).toBe(sessionId);
    expect(sessionOf(work)).toBe(sessionId);
    expect(root.parentSpanId).toBe(parentSpanId);
    expect(work.parentSpanId).toBe(root.spanId);
    expect(backend.sessionTree(sessionId)?.span_count).toBe(2);
  });

  it("uses the server's own session when the request carries no context", async () => {
    const answer = await callServer({});
    const { root } = await serverSpans(answer.traceId);
    expect(sessionOf(root)).toBe(answer.sessionId);
    expect(root.parentSpanId).toBeUndefined();
    const clientSessions = new Set(backend.spans().filter((s) => s.attributes['honeyhive.source'] === 'e2e-client').map(sessionOf));
    expect(clientSessions.has(answer.sessionId)).toBe(false);
  });
});
