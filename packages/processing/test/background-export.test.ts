import { createServer, type Server, type Socket } from 'node:net';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { ConnectionPool, createOtlpExporter, type OtlpProtocol } from '../src';
import { API_KEY } from './helpers/backend';

// An export running in the background must never keep the process alive: its socket and its waits between
// retries are unref'd, so a process whose work is done exits (the exit hook decides how long to wait, if at
// all). Checked with Node's own view: the resources that keep the event loop alive.

/** Ended spans named `names`. */
function finishedSpans(names: string[]): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const tracer = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(memory)] }).getTracer('background-export');
  for (const name of names) tracer.startSpan(name).end();
  return memory.getFinishedSpans();
}

/** How many ref'd resources of `type` keep the event loop alive now. */
function refdCount(type: string): number {
  return process.getActiveResourcesInfo().filter((name) => name === type).length;
}

/** Resolves once `condition()` holds (checked every 10 ms); the deadline is only a safety net. */
async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** A TCP server whose accepted sockets do something `onSocket` decides; its own handles never hold the process. */
async function startServer(onSocket: (socket: Socket) => void): Promise<{ server: Server; url: string; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => {
    socket.unref();
    sockets.push(socket);
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  server.unref();
  const address = server.address() as { port: number };
  return { server, url: `http://127.0.0.1:${address.port}`, sockets };
}

async function stopServer(server: Server, sockets: Socket[]): Promise<void> {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

const HTTP_PROTOCOLS: OtlpProtocol[] = ['http/protobuf', 'http/json'];

describe.each(HTTP_PROTOCOLS)('%s export in the background', (protocol) => {
  it('holds no ref\'d socket or timer while the backend does not answer', async () => {
    let requestSeen = false;
    const silent = await startServer((socket) => socket.once('data', () => (requestSeen = true)));
    const pool = new ConnectionPool();
    const { exporter } = createOtlpExporter({ protocol, endpoint: `${silent.url}/v1/traces`, apiKey: API_KEY, timeoutMs: 60_000, connectionPool: pool });
    const baseline = { sockets: refdCount('TCPSocketWrap'), timers: refdCount('Timeout') };
    const results: ExportResult[] = [];
    try {
      exporter.export(finishedSpans(['hanging']), (result) => results.push(result));
      await until(() => requestSeen, 'the request to reach the server');
      // A ref'd socket or timer of the export would stay for as long as the export hangs (60 s); a short-lived one of
      // the test process (jest, a busy machine's stragglers) comes and goes: wait for the count to come down.
      await until(() => refdCount('TCPSocketWrap') <= baseline.sockets && refdCount('Timeout') <= baseline.timers, 'no ref\'d socket or timer beyond the baseline', 5_000);
      expect(results).toEqual([]); // still waiting for its answer: the export is genuinely in flight
    } finally {
      await exporter.shutdown();
      pool.destroy();
      await stopServer(silent.server, silent.sockets);
    }
  });

  it('holds no ref\'d timer while it waits to retry a refused connection', async () => {
    const resetting = await startServer((socket) => socket.destroy());
    const retries: number[] = [];
    const pool = new ConnectionPool();
    const { exporter } = createOtlpExporter({
      protocol,
      endpoint: `${resetting.url}/v1/traces`,
      apiKey: API_KEY,
      timeoutMs: 60_000,
      connectionPool: pool,
      // a long wait, so the check below surely happens during it
      retry: { initialBackoffMs: 30_000, maxBackoffMs: 30_000, onRetry: (info) => retries.push(info.delayMs) },
    });
    const timers = refdCount('Timeout');
    const results: ExportResult[] = [];
    try {
      exporter.export(finishedSpans(['retrying']), (result) => results.push(result));
      await until(() => retries.length === 1, 'a retry to be scheduled');
      // the retry waits 30 s: a ref'd timer of it would stay; a short-lived one of the test process comes and goes
      await until(() => refdCount('Timeout') <= timers, 'no ref\'d timer beyond the baseline', 5_000);
      expect(results).toEqual([]);
    } finally {
      await exporter.shutdown(); // cancels the waiting retry: it reports FAILED
      pool.destroy();
      await stopServer(resetting.server, resetting.sockets);
    }
    expect(results.map((r) => r.code)).toEqual([ExportResultCode.FAILED]);
  });
});

describe('the HTTP exporter against the local backend', () => {
  let backend: LocalBackend;
  beforeAll(async () => {
    backend = await startLocalBackend({ apiKeys: [API_KEY] });
  });
  afterAll(() => backend.stop());
  afterEach(() => backend.reset());

  it.each(HTTP_PROTOCOLS)('%s: delivers, and a refusal as too large carries its status for the retry policy', async (protocol) => {
    const { exporter } = createOtlpExporter({ protocol, serverUrl: backend.httpUrl, apiKey: API_KEY, timeoutMs: 20_000 });
    const exportOnce = (name: string) =>
      new Promise<ExportResult>((resolve) => exporter.export(finishedSpans([name]), resolve));
    try {
      await expect(exportOnce('delivered')).resolves.toEqual({ code: ExportResultCode.SUCCESS });
      expect((await backend.waitForSpans(1)).map((span) => [span.name, span.protocol])).toEqual([['delivered', protocol]]);
      await backend.faults.set({ kind: 'status', status: 413, count: 1 });
      const refused = await exportOnce('refused');
      expect(refused.code).toBe(ExportResultCode.FAILED);
      expect(refused.error).toMatchObject({ code: 413 });
      expect(backend.requests().filter((r) => r.route === 'traces')).toHaveLength(2); // a 413 is not retried
    } finally {
      await exporter.shutdown();
    }
  });
});
