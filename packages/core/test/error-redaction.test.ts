import { inspect } from 'node:util';
import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// A server that echoes credentials in its error answer: the errors handed to onError are redacted like the
// logs (the key in error.message for gRPC, in error.cause.data for HTTP, in the API client's message).

const API_KEY = 'hh-echoed-key-5d2c9a';
let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

/** Everything an onError hook can read from `error`, hidden fields and causes included. */
function everything(error: Error): string {
  return `${error.message}\n${error.stack}\n${inspect(error, { depth: 12, showHidden: true, getters: false })}`;
}

const echo = JSON.stringify({ error: `invalid credentials: Authorization: Bearer ${API_KEY} (key ${API_KEY})` });

it.each([
  ['http/protobuf', {}],
  ['grpc', { otlpProtocol: 'grpc' as const, otlpEndpointOf: 'grpc' }],
])('hands onError a redacted error when the server echoes the key (%s)', async (_protocol, extra) => {
  const reported: Error[] = [];
  const logger = collectingLogger();
  const grpc = 'otlpEndpointOf' in extra;
  const t = new TestTracer({
    apiKey: API_KEY,
    serverUrl: backend.httpUrl,
    project: 'error-redaction',
    logger,
    disableBatch: true,
    exportTimeoutMs: 5_000,
    // gRPC goes to another origin (port): the key goes there only because the user passes it
    ...(grpc ? { otlpProtocol: 'grpc' as const, otlpEndpoint: backend.grpcUrl, otlpHeaders: { authorization: `Bearer ${API_KEY}` } } : {}),
    onError: (error) => reported.push(error),
  });
  try {
    expect(await t.ready).toBe(true);
    await backend.faults.set({ kind: 'status', status: 401, body: echo, routes: 'all', count: 10 });
    t.startSpan('rejected', {}, () => undefined);
    await t.enrichSession({ metadata: { step: 1 } });
    await t.flush(20_000);
    await backend.waitFor(() => reported.some((e) => e.message.includes('span(s) not delivered')) || undefined, 20_000);

    // the scan is not vacuous: the server really echoed the key, and the errors carry the server's text
    expect(backend.requests().some((r) => r.fault === 'status')).toBe(true);
    const texts = reported.map(everything);
    expect(texts.join('\n')).toContain('invalid credentials');
    for (const text of texts) expect(text).not.toContain(API_KEY);
    expect(logger.lines.map((l) => l.message).join('\n')).not.toContain(API_KEY);
  } finally {
    await t.shutdown();
  }
});
