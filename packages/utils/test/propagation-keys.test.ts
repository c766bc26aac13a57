import {
  BAGGAGE_KEYS,
  BAGGAGE_KEY_ALIASES,
  RESERVED_BAGGAGE_KEYS,
  canonicalBaggageKey,
  isSecretLikeKey,
} from '../src/propagation-keys';

describe('baggage keys', () => {
  it('are the keys the Python SDK reads and writes', () => {
    expect(BAGGAGE_KEYS).toEqual({
      SESSION_ID: 'session_id',
      PROJECT: 'project',
      SOURCE: 'source',
      RUN_ID: 'run_id',
      DATASET_ID: 'dataset_id',
      DATAPOINT_ID: 'datapoint_id',
    });
    expect([...RESERVED_BAGGAGE_KEYS].sort()).toEqual(Object.values(BAGGAGE_KEYS).sort());
  });

  it('map the Python variants to the canonical key', () => {
    expect(BAGGAGE_KEY_ALIASES).toMatchObject({
      honeyhive_session_id: 'session_id',
      'honeyhive.session_id': 'session_id',
      honeyhive_project: 'project',
      'honeyhive.project': 'project',
      honeyhive_source: 'source',
      'honeyhive.source': 'source',
      honeyhive_run_id: 'run_id',
      'honeyhive.datapoint_id': 'datapoint_id',
    });
  });

  it('canonicalizes reserved keys and aliases, and nothing else', () => {
    expect(canonicalBaggageKey('session_id')).toBe('session_id');
    expect(canonicalBaggageKey('honeyhive.session_id')).toBe('session_id');
    expect(canonicalBaggageKey(' HoneyHive_Project ')).toBe('project');
    expect(canonicalBaggageKey('honeyhive_dataset_id')).toBe('dataset_id');
    expect(canonicalBaggageKey('user_id')).toBeUndefined();
    expect(canonicalBaggageKey('toString')).toBeUndefined();
    expect(canonicalBaggageKey('__proto__')).toBeUndefined();
  });
});

describe('isSecretLikeKey', () => {
  it.each([
    'api_key',
    'apiKey',
    'API-KEY',
    'x-api-key',
    'HH_API_KEY',
    'apikey',
    'Authorization',
    'password',
    'db_passwd',
    'client_secret',
    'token',
    'access_token',
    'refreshToken',
    'x-auth-token',
    'auth',
    'credentials',
    'private_key',
    'aws_access_key_id',
    'cookie',
    'set-cookie',
  ])('%s is secret-like', (key) => {
    expect(isSecretLikeKey(key)).toBe(true);
  });

  it.each([
    'session_id',
    'project',
    'max_tokens',
    'total_tokens',
    'token_count',
    'prompt_tokens',
    'author',
    'user_id',
    'model',
    'keyword',
    '',
  ])('%s is not secret-like', (key) => {
    expect(isSecretLikeKey(key)).toBe(false);
  });
});
