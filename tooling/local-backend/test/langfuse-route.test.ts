// Langfuse's OTLP path is accepted like /v1/traces (the benchmark points Langfuse's exporter at the local backend).
import { startLocalBackend, type LocalBackend } from '../src';
import { AUTH, otlpJson, send } from './helpers';

let backend: LocalBackend;

beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(async () => {
  await backend.stop();
});

const SPAN = {
  traceId: '0af7651916cd43dd8448eb211c80319c',
  spanId: 'b7ad6b7169203331',
  name: 'observed',
  kind: 1,
  startTimeUnixNano: '1700000000000000000',
  endTimeUnixNano: '1700000000001000000',
};

test('POST /api/public/otel/v1/traces stores the spans, with the bearer key required', async () => {
  const refused = await send(backend.httpUrl, 'POST', '/api/public/otel/v1/traces', {
    headers: { 'content-type': 'application/json' },
    body: otlpJson([SPAN]),
  });
  expect(refused.status).toBe(401);
  const reply = await send(backend.httpUrl, 'POST', '/api/public/otel/v1/traces', {
    headers: { ...AUTH, 'content-type': 'application/json' },
    body: otlpJson([SPAN]),
  });
  expect(reply.status).toBe(200);
  const [span] = await backend.waitForSpans(1);
  expect(span!.name).toBe('observed');
  expect(backend.requests().at(-1)).toMatchObject({ route: 'traces', protocol: 'http/json' });
});
