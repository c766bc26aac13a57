import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// What `inject()` writes for the user's code: HoneyHive's keys (the wire contract) plus the user's non-secret
// baggage, never a secret-looking key and never a value carrying the API key, whatever came in.

const API_KEY = 'sk-live-baggage-3f9a1c';
let t: TestTracer;

beforeEach(() => {
  t = new TestTracer({ testMode: true, apiKey: API_KEY, project: 'bag', logger: collectingLogger(), flushOnExit: false });
});
afterEach(async () => {
  await t.shutdown();
  resetOtelGlobals();
});

const incoming = [
  'api_key=sk-incoming',
  'x-api-key=q',
  'authorization=Bearer%20abc',
  'db_pwd=hunter2',
  `note=${encodeURIComponent(`key ${API_KEY}`)}`,
  'user_email=a%40b.example',
  'tenant=acme',
  'honeyhive_session_id=6f1c2a3b-0000-4000-8000-0000000000ab',
].join(',');

it('inject() forwards our keys and non-secret user baggage only', () => {
  const headers = t.withDistributedContext({ baggage: incoming }, () => t.inject<Record<string, string>>({}));
  const entries = Object.fromEntries((headers.baggage ?? '').split(',').map((pair) => pair.split('=') as [string, string]));
  expect(Object.keys(entries).sort()).toEqual(['project', 'session_id', 'source', 'tenant', 'user_email']);
  expect(entries.session_id).toBe('6f1c2a3b-0000-4000-8000-0000000000ab');
  expect(headers.baggage).not.toContain(API_KEY);
  expect(headers.baggage).not.toContain('sk-incoming');
});
