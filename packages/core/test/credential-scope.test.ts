import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// The HoneyHive API key goes only to the HoneyHive server's origin. Two local backends on different loopback
// ports stand for "HoneyHive" and "another host" (a different port is a different origin).

const API_KEY = 'hh-origin-scoped-key';
const COLLECTOR_TOKEN = 'collector-token-77';
let honeyhive: LocalBackend;
let collector: LocalBackend;

beforeAll(async () => {
  honeyhive = await startLocalBackend({ apiKeys: [API_KEY] });
  collector = await startLocalBackend({ apiKeys: [COLLECTOR_TOKEN] });
});
afterEach(async () => {
  await Promise.all([honeyhive.reset(), collector.reset()]);
  resetOtelGlobals();
});
afterAll(async () => {
  await Promise.all([honeyhive.stop(), collector.stop()]);
});

async function exportOneSpan(options: Record<string, unknown>): Promise<void> {
  const t = new TestTracer({ apiKey: API_KEY, serverUrl: honeyhive.httpUrl, project: 'origins', logger: collectingLogger(), disableBatch: true, ...options });
  try {
    await t.ready;
    t.startSpan('work', () => undefined);
    await t.flush(20_000);
  } finally {
    await t.shutdown();
  }
}

const traceRequests = (backend: LocalBackend) => backend.requests().filter((r) => r.route === 'traces');

it('sends the key with spans to an otlpEndpoint on the HoneyHive origin', async () => {
  await exportOneSpan({ otlpEndpoint: honeyhive.otlpHttpUrl });
  await honeyhive.waitForSpans(1);
  expect(traceRequests(honeyhive).map((r) => r.apiKey)).toEqual([API_KEY]);
});

it('does not send the key to an otlpEndpoint on another origin', async () => {
  await exportOneSpan({ otlpEndpoint: collector.otlpHttpUrl });
  const sent = await collector.waitFor(() => (traceRequests(collector).length > 0 ? traceRequests(collector) : undefined), 20_000);
  expect(sent.map((r) => r.apiKey)).toEqual([undefined]);
  expect(JSON.stringify(collector.requests())).not.toContain(API_KEY.slice(0, 6));
  // the HoneyHive API still gets it (the session start)
  expect(honeyhive.requests().some((r) => r.apiKey === API_KEY)).toBe(true);
});

it("sends only the user's headers to an otlpEndpoint on another origin", async () => {
  await exportOneSpan({ otlpEndpoint: collector.otlpHttpUrl, otlpHeaders: { Authorization: `Bearer ${COLLECTOR_TOKEN}` } });
  const [span] = await collector.waitForSpans(1);
  expect(span?.name).toBe('work');
  expect(traceRequests(collector).map((r) => r.apiKey)).toEqual([COLLECTOR_TOKEN]);
});
