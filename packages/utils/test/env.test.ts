import {
  REDACTED,
  firstDefinedEnv,
  isSecretEnvName,
  parseBoolean,
  parseBooleanEnv,
  parseHeadersEnv,
  parseNumberEnv,
  parseStringEnv,
} from '../src/env';

describe('parseBoolean', () => {
  it.each(['true', '1', 'yes', 'on', 'TRUE', ' Yes ', 'On'])('%j → true', (text) => {
    expect(parseBoolean(text)).toBe(true);
  });
  it.each(['false', '0', 'no', 'off', 'FALSE', ' No', 'OFF '])('%j → false', (text) => {
    expect(parseBoolean(text)).toBe(false);
  });
  it.each(['', 'maybe', '2', 'y', 'truee'])('%j → undefined', (text) => {
    expect(parseBoolean(text)).toBeUndefined();
  });
});

describe('parseBooleanEnv', () => {
  it('reads accepted forms', () => {
    expect(parseBooleanEnv('HH_VERBOSE', { HH_VERBOSE: 'yes' })).toEqual({ value: true });
    expect(parseBooleanEnv('HH_VERBOSE', { HH_VERBOSE: 'off' })).toEqual({ value: false });
  });

  it('treats unset and blank as absent, without a problem', () => {
    expect(parseBooleanEnv('HH_VERBOSE', {})).toEqual({ value: undefined });
    expect(parseBooleanEnv('HH_VERBOSE', { HH_VERBOSE: '  ' })).toEqual({ value: undefined });
  });

  it('reports a bad value naming the variable, the value and the accepted forms', () => {
    const result = parseBooleanEnv('HH_DISABLE_BATCH', { HH_DISABLE_BATCH: 'maybe' });
    expect(result.value).toBeUndefined();
    expect(result.problem).toEqual({
      variable: 'HH_DISABLE_BATCH',
      value: 'maybe',
      message: expect.stringContaining("HH_DISABLE_BATCH='maybe'"),
    });
    expect(result.problem?.message).toMatch(/true.*false/);
  });

  it('reads process.env by default without changing it', () => {
    const name = 'HH_UTILS_TEST_BOOLEAN';
    process.env[name] = 'on';
    try {
      const before = { ...process.env };
      expect(parseBooleanEnv(name)).toEqual({ value: true });
      expect(process.env).toEqual(before);
    } finally {
      delete process.env[name];
    }
  });
});

describe('parseNumberEnv', () => {
  const bounds = { min: 1, max: 100000, integer: true };

  it('reads decimal numbers within bounds', () => {
    expect(parseNumberEnv('HH_BATCH_SIZE', bounds, { HH_BATCH_SIZE: ' 512 ' })).toEqual({ value: 512 });
    expect(parseNumberEnv('HH_FLUSH_INTERVAL', {}, { HH_FLUSH_INTERVAL: '1.5' })).toEqual({ value: 1.5 });
    expect(parseNumberEnv('X', {}, { X: '1e3' })).toEqual({ value: 1000 });
    expect(parseNumberEnv('X', { min: -5 }, { X: '-5' })).toEqual({ value: -5 });
  });

  it('treats unset and blank as absent', () => {
    expect(parseNumberEnv('HH_BATCH_SIZE', bounds, {})).toEqual({ value: undefined });
    expect(parseNumberEnv('HH_BATCH_SIZE', bounds, { HH_BATCH_SIZE: '' })).toEqual({ value: undefined });
  });

  it('reports a non-number with the variable, the value and the fix', () => {
    const result = parseNumberEnv('HH_BATCH_SIZE', bounds, { HH_BATCH_SIZE: 'abc' });
    expect(result.value).toBeUndefined();
    expect(result.problem?.variable).toBe('HH_BATCH_SIZE');
    expect(result.problem?.message).toBe("HH_BATCH_SIZE='abc' is not a number; use an integer from 1 to 100000");
  });

  it.each(['0x10', 'Infinity', '12px', '1,000', 'NaN'])('rejects %j as not a number', (text) => {
    const result = parseNumberEnv('HH_API_TIMEOUT', {}, { HH_API_TIMEOUT: text });
    expect(result.value).toBeUndefined();
    expect(result.problem?.message).toContain(`HH_API_TIMEOUT='${text}' is not a number`);
  });

  it('reports a fraction where an integer is wanted', () => {
    const result = parseNumberEnv('HH_MAX_ATTRIBUTES', { integer: true, min: 1 }, { HH_MAX_ATTRIBUTES: '2.5' });
    expect(result.value).toBeUndefined();
    expect(result.problem?.message).toBe("HH_MAX_ATTRIBUTES='2.5' is not an integer; use an integer of at least 1");
  });

  it('reports out-of-range values on either side', () => {
    const low = parseNumberEnv('HH_BATCH_SIZE', bounds, { HH_BATCH_SIZE: '0' });
    expect(low.problem?.message).toBe("HH_BATCH_SIZE='0' is out of range; use an integer from 1 to 100000");
    const high = parseNumberEnv('HH_EXPORT_TIMEOUT', { max: 60000 }, { HH_EXPORT_TIMEOUT: '60001' });
    expect(high.problem?.message).toBe("HH_EXPORT_TIMEOUT='60001' is out of range; use a number of at most 60000");
    expect(high.value).toBeUndefined();
  });
});

describe('parseStringEnv', () => {
  it('trims, and treats blank as absent', () => {
    expect(parseStringEnv('HH_PROJECT', { HH_PROJECT: '  my-project ' })).toEqual({ value: 'my-project' });
    expect(parseStringEnv('HH_PROJECT', { HH_PROJECT: ' \t' })).toEqual({ value: undefined });
    expect(parseStringEnv('HH_PROJECT', {})).toEqual({ value: undefined });
  });
});

describe('parseHeadersEnv', () => {
  it('reads a JSON object of strings', () => {
    expect(parseHeadersEnv('HH_OTLP_HEADERS', { HH_OTLP_HEADERS: '{"x-team":"a","x-env":"prod"}' })).toEqual({
      value: { 'x-team': 'a', 'x-env': 'prod' },
    });
  });

  it('reads the OTel k1=v1,k2=v2 form with URL-decoded values', () => {
    const env = { HH_OTLP_HEADERS: 'x-team=a%20b, authorization=Bearer%20abc%3D%3D ,x-eq=a=b,' };
    expect(parseHeadersEnv('HH_OTLP_HEADERS', env)).toEqual({
      value: { 'x-team': 'a b', authorization: 'Bearer abc==', 'x-eq': 'a=b' },
    });
  });

  it('treats unset and blank as absent', () => {
    expect(parseHeadersEnv('HH_OTLP_HEADERS', {})).toEqual({ value: undefined });
  });

  it.each([
    ['{"a": 1}', 'non-string value'],
    ['{"a": "b"', 'not valid JSON'],
    ['novalue', "without 'key='"],
    ['=x', "without 'key='"],
    ['a=%E0%A4%A', 'malformed URL-encoded'],
  ])('reports %j (%s) naming the variable and never showing the value', (text, reason) => {
    const result = parseHeadersEnv('HH_OTLP_HEADERS', { HH_OTLP_HEADERS: text });
    expect(result.value).toBeUndefined();
    expect(result.problem?.variable).toBe('HH_OTLP_HEADERS');
    expect(result.problem?.value).toBe(REDACTED);
    expect(result.problem?.message).toContain(`HH_OTLP_HEADERS='${REDACTED}'`);
    expect(result.problem?.message).toContain(reason);
    expect(result.problem?.message).toContain('k1=v1,k2=v2');
  });

  it('rejects a JSON array', () => {
    expect(parseHeadersEnv('H', { H: '[1]' }).problem?.message).toBeDefined();
  });
});

describe('redaction of secret-like variable names', () => {
  it.each(['HH_API_KEY', 'MY_SECRET', 'GITHUB_TOKEN', 'DB_PASSWORD', 'hh_api_key'])('%s is secret', (name) => {
    expect(isSecretEnvName(name)).toBe(true);
  });

  it.each(['HH_BATCH_SIZE', 'HH_VERBOSE', 'HH_API_URL'])('%s is not secret', (name) => {
    expect(isSecretEnvName(name)).toBe(false);
  });

  it('never shows the value of a secret-like variable in a problem', () => {
    const secret = 'sk-live-very-secret';
    for (const name of ['HH_API_KEY_RETRIES', 'X_TOKEN_FLAG', 'A_PASSWORD_COUNT', 'THE_SECRET_ON']) {
      const results = [
        parseNumberEnv(name, {}, { [name]: secret }),
        parseBooleanEnv(name, { [name]: secret }),
      ];
      for (const result of results) {
        expect(result.problem?.variable).toBe(name);
        expect(result.problem?.value).toBe(REDACTED);
        expect(result.problem?.message).toContain(`${name}='<redacted>'`);
        expect(result.problem?.message).not.toContain(secret);
      }
    }
  });
});

describe('firstDefinedEnv', () => {
  const names = ['HH_OTLP_PROTOCOL', 'OTEL_EXPORTER_OTLP_PROTOCOL'];

  it('returns the first set variable, trimmed', () => {
    expect(firstDefinedEnv(names, { HH_OTLP_PROTOCOL: ' http/json ', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual({
      name: 'HH_OTLP_PROTOCOL',
      value: 'http/json',
    });
  });

  it('skips unset and blank variables', () => {
    expect(firstDefinedEnv(names, { HH_OTLP_PROTOCOL: ' ', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' })).toEqual({
      name: 'OTEL_EXPORTER_OTLP_PROTOCOL',
      value: 'grpc',
    });
    expect(firstDefinedEnv(names, {})).toBeUndefined();
  });
});
