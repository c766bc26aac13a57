import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// A tracer redacts secrets in what it captures on spans by default: secret-looking keys at every depth and
// its own API key inside any string. `secretKeys` adds keys; `redactSecrets: false` turns it off.

const API_KEY = 'hh-capture-redaction-key-0123456789';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [API_KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

function tracer(options: Record<string, unknown> = {}): TestTracer {
  const t = new TestTracer({ apiKey: API_KEY, serverUrl: backend.httpUrl, logger: collectingLogger(), ...options });
  tracers.push(t);
  return t;
}

async function spanNamed(t: TestTracer, name: string) {
  await t.flush();
  const [span] = (await backend.waitForSpans(1)).filter((s) => s.name === name);
  return span!;
}

describe('secret redaction on spans', () => {
  it('is on by default: secret keys at every depth, the API key inside strings; token counts kept', async () => {
    const t = tracer();
    t.startSpan('secrets', { inputs: { honeyhiveApiKey: API_KEY, headers: { Authorization: 'Bearer sk-live-1' } }, config: { openai: { api_key: 'sk-2' } } }, () => {
      expect(t.enrichSpan({ metadata: { api_key: API_KEY, note: `key ${API_KEY} leaked` }, metrics: { total_tokens: 930 }, outputs: { password: 'hunter2' } })).toBe(true);
    });
    const span = await spanNamed(t, 'secrets');
    expect(span.attributes).toMatchObject({
      'honeyhive_inputs.honeyhiveApiKey': '<redacted>',
      'honeyhive_inputs.headers.Authorization': '<redacted>',
      'honeyhive_config.openai.api_key': '<redacted>',
      'honeyhive_metadata.api_key': '<redacted>',
      'honeyhive_metadata.note': 'key <redacted> leaked',
      'honeyhive_metrics.total_tokens': 930,
      'honeyhive_outputs.password': '<redacted>',
    });
    expect(JSON.stringify(span.attributes)).not.toMatch(/hh-capture-redaction-key|sk-live-1|sk-2|hunter2/);
    expect(t.captureOptions.redaction.isSecretKey('api_key')).toBe(true);
  });

  it('takes more keys from secretKeys', async () => {
    const t = tracer({ secretKeys: ['ssn', /^x-tenant-/i] });
    t.startSpan('extra', { metadata: { user_ssn: '123-45', 'X-Tenant-Id': 't1', plain: 'kept' } }, () => undefined);
    const span = await spanNamed(t, 'extra');
    expect(span.attributes).toMatchObject({ 'honeyhive_metadata.user_ssn': '<redacted>', 'honeyhive_metadata.X-Tenant-Id': '<redacted>', 'honeyhive_metadata.plain': 'kept' });
  });

  it('is off with redactSecrets: false', async () => {
    const t = tracer({ redactSecrets: false });
    t.startSpan('raw', { metadata: { password: 'hunter2' } }, () => undefined);
    const span = await spanNamed(t, 'raw');
    expect(span.attributes['honeyhive_metadata.password']).toBe('hunter2');
  });

  it('rejects a bad secretKeys with one clear line naming the field', () => {
    const logger = collectingLogger();
    tracer({ secretKeys: 'password', logger });
    expect(logger.at('warn').some((line) => line.includes('secretKeys'))).toBe(true);
  });
});
