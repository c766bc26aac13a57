import { inspect } from 'node:util';
import {
  SecretRedaction,
  captureForJson,
  capturedErrorMessage,
  enrichmentAttributes,
  flattenAttributes,
  isDefaultSecretKey,
  outputAttributes,
  recordEntries,
} from '../src';

const HH_KEY = 'hh_test_9f8e7d6c5b4a39281706f5e4d3c2b1a0';
const tracerRedaction = new SecretRedaction({ secrets: [HH_KEY] });

describe('secret keys', () => {
  it.each([
    'api_key', 'apiKey', 'X-Api-Key', 'honeyhiveApiKey', 'OPENAI_API_KEY', 'authorization', 'Authorization', 'proxy-authorization',
    'password', 'db_password', 'passwd', 'passphrase', 'secret', 'client_secret', 'token', 'access_token', 'refreshToken',
    'id_token', 'x-auth', 'cookie', 'Set-Cookie', 'private_key', 'privateKey', 'aws_secret_access_key', 'accessKeyId',
    'credentials', 'session_token', 'bearer', 'jwt', 'db_pwd',
  ])('%s is secret', (key) => {
    expect(isDefaultSecretKey(key)).toBe(true);
  });

  it.each([
    'total_tokens', 'prompt_tokens', 'completion_tokens', 'max_tokens', 'maxTokens', 'max_token', 'tokens', 'token_count',
    'input_tokens', 'output_tokens', 'reasoning_tokens', 'cached_tokens', 'eos_token', 'pad_token', 'tokenizer', 'author',
    'session_id', 'key', 'model', 'keywords', 'monkey', 'user_id', 'primary_key_name',
  ])('%s is not secret', (key) => {
    expect(isDefaultSecretKey(key)).toBe(false);
  });

  it('can be extended with strings (contained, case and separators ignored) and RegExps', () => {
    const redaction = new SecretRedaction({ secretKeys: ['ssn', /^x-internal-/i] });
    expect(redaction.isSecretKey('user_SSN')).toBe(true);
    expect(redaction.isSecretKey('X-Internal-Route')).toBe(true);
    expect(redaction.isSecretKey('api_key')).toBe(true);
    expect(redaction.isSecretKey('lesson')).toBe(false);
    expect(SecretRedaction.NONE.isSecretKey('api_key')).toBe(false);
  });
});

describe('redaction in captured values', () => {
  const payload = {
    honeyhiveApiKey: HH_KEY,
    headers: { Authorization: `Bearer ${HH_KEY}`, accept: 'json' },
    password: 'hunter2',
    nested: [{ deeper: { client_secret: 'shh', note: `key=${HH_KEY}!` } }],
    usage: { total_tokens: 930, prompt_tokens: 742, completion_tokens: 188 },
    params: { max_tokens: 512 },
    map: new Map([['api_key', 'm']]),
    credentials: { user: 'ann', pass: 'x' },
  };

  it('redacts secret keys at every depth, and the tracer key inside any string; counts stay', () => {
    const attributes = flattenAttributes(payload, 'honeyhive_inputs', { redaction: tracerRedaction }).attributes;
    expect(attributes).toEqual({
      'honeyhive_inputs.honeyhiveApiKey': '<redacted>',
      'honeyhive_inputs.headers.Authorization': '<redacted>',
      'honeyhive_inputs.headers.accept': 'json',
      'honeyhive_inputs.password': '<redacted>',
      'honeyhive_inputs.nested.0.deeper.client_secret': '<redacted>',
      'honeyhive_inputs.nested.0.deeper.note': 'key=<redacted>!',
      'honeyhive_inputs.usage.total_tokens': 930,
      'honeyhive_inputs.usage.prompt_tokens': 742,
      'honeyhive_inputs.usage.completion_tokens': 188,
      'honeyhive_inputs.params.max_tokens': 512,
      'honeyhive_inputs.map.api_key': '<redacted>',
      'honeyhive_inputs.credentials': '<redacted>',
    });
    expect(JSON.stringify(captureForJson(payload, { redaction: tracerRedaction }).value)).not.toMatch(/hunter2|shh|hh_test_|"m"/);
  });

  it('redacts by default (the default keys), in arguments, results, every enrichment group and extra attributes', () => {
    const inputs = {};
    recordEntries(inputs, [['password', 'hunter2'], ['query', { token: 't0k3n', text: 'hi' }]], 'honeyhive_inputs', undefined, 100);
    expect(inputs).toEqual({ 'honeyhive_inputs.password': '<redacted>', 'honeyhive_inputs.query.token': '<redacted>', 'honeyhive_inputs.query.text': 'hi' });
    expect(outputAttributes({ api_key: 'k', answer: 42 }, undefined, 100)).toEqual({ 'honeyhive_outputs.result.api_key': '<redacted>', 'honeyhive_outputs.result.answer': 42 });
    const groups = enrichmentAttributes({
      metadata: { api_key: 'k' },
      config: { openai: { apiKey: 'k' } },
      feedback: { cookie: 'c' },
      userProperties: { password: 'p' },
      metrics: { total_tokens: 3 },
      attributes: { 'http.request.header.authorization': 'Bearer x', other: { secret: 's' } },
    });
    expect(groups).toEqual({
      'honeyhive_metadata.api_key': '<redacted>',
      'honeyhive_config.openai.apiKey': '<redacted>',
      'honeyhive_feedback.cookie': '<redacted>',
      'honeyhive_user_properties.password': '<redacted>',
      'honeyhive_metrics.total_tokens': 3,
      'http.request.header.authorization': '<redacted>',
      'other.secret': '<redacted>',
    });
  });

  it('replaces the tracer key in strings even where the string is cut, and leaves out a key whose name holds it', () => {
    // the key starts before the cut and ends after it
    const long = `${'x'.repeat(60)}${HH_KEY}${'y'.repeat(500)}`;
    const cut = flattenAttributes({ long, [`k_${HH_KEY}`]: 1 }, 'p', { redaction: tracerRedaction, maxStringLength: 100 });
    expect(cut.attributes['p.long']).toMatch(/^x{60}<redacted>y*…\[truncated \d+ chars\]$/);
    expect(JSON.stringify(cut.attributes)).not.toContain('hh_test_');
    expect(JSON.stringify(cut.attributes)).not.toContain(HH_KEY.slice(0, 10));
    expect(Object.keys(cut.attributes)).toEqual(['p.long']);
    expect(capturedErrorMessage(new Error(`rejected ${HH_KEY}`), tracerRedaction)).toBe('rejected <redacted>');
  });

  it('can be turned off', () => {
    expect(flattenAttributes({ password: 'p', note: HH_KEY }, 'p', { redaction: SecretRedaction.NONE }).attributes).toEqual({ 'p.password': 'p', 'p.note': HH_KEY });
  });

  it('never shows its secret values', () => {
    expect(inspect(tracerRedaction)).not.toContain(HH_KEY);
    expect(JSON.stringify(tracerRedaction)).not.toContain(HH_KEY);
    expect(JSON.stringify({ ...tracerRedaction })).not.toContain(HH_KEY);
  });
});

describe('the mask at every depth', () => {
  it('sees every property below the top with its key and path; secret keys are redacted before it', () => {
    const seen: Array<[string, string | undefined]> = [];
    const mask = (key: string, value: unknown, path?: string) => {
      seen.push([key, path]);
      return key === 'email' ? '[email]' : value;
    };
    const attributes = enrichmentAttributes({ inputs: { user: { email: 'a@b.c', api_key: 'k', tags: ['t'] } } }, { mask });
    expect(attributes).toEqual({
      'honeyhive_inputs.user.email': '[email]',
      'honeyhive_inputs.user.api_key': '<redacted>',
      'honeyhive_inputs.user.tags.0': 't',
    });
    expect(seen).toEqual([
      ['user', 'honeyhive_inputs.user'],
      ['email', 'honeyhive_inputs.user.email'],
      ['tags', 'honeyhive_inputs.user.tags'],
      ['0', 'honeyhive_inputs.user.tags.0'],
    ]);
  });

  it('records nothing for a nested value whose mask throws', () => {
    const mask = (key: string, value: unknown) => {
      if (key === 'ssn') throw new Error('no');
      return value;
    };
    expect(flattenAttributes({ person: { ssn: '123', name: 'a' } }, 'p', { mask }).attributes).toEqual({ 'p.person.name': 'a' });
  });
});
