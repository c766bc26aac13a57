import { resolveTracerConfig } from '@honeyhive/core';
import { HH_ENV } from '../../src/config/defaults';

const read = (env: Record<string, string>) => resolveTracerConfig({}, env);
const field = (env: Record<string, string>, name: string) => (read(env).config as unknown as Record<string, unknown>)[name];

describe('every environment variable of docs/wire-contract.md is honoured', () => {
  const cases: Array<[string, string, string, unknown]> = [
    ['HH_API_KEY', 'k-123456', 'apiKey', 'k-123456'],
    ['HH_API_URL', 'https://self-hosted.example/', 'serverUrl', 'https://self-hosted.example'],
    ['HH_PROJECT', 'proj', 'project', 'proj'],
    ['HH_SOURCE', 'production', 'source', 'production'],
    ['HH_SESSION_NAME', 'nightly run', 'sessionName', 'nightly run'],
    ['HH_VERBOSE', 'true', 'verbose', true],
    ['HH_TEST_MODE', 'true', 'testMode', true],
    ['HH_DISABLE_BATCH', 'true', 'disableBatch', true],
    ['HH_DISABLE_TRACING', 'true', 'disableTracing', true],
    ['HH_DISABLE_HTTP_TRACING', 'false', 'disableHttpTracing', false],
    ['HH_OTLP_ENDPOINT', 'http://collector:4318/v1/traces', 'otlpEndpoint', 'http://collector:4318/v1/traces'],
    ['HH_OTLP_HEADERS', '{"x-team":"a"}', 'otlpHeaders', { 'x-team': 'a' }],
    ['HH_OTLP_PROTOCOL', 'http/json', 'otlpProtocol', 'http/json'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json', 'otlpProtocol', 'http/json'],
    ['HH_BATCH_SIZE', '100', 'batchSize', 100],
    ['HH_BATCH_MAX_BYTES', '1048576', 'maxExportBatchBytes', 1048576],
    ['HH_FLUSH_INTERVAL', '5.0', 'flushIntervalMs', 5000],
    ['HH_EXPORT_TIMEOUT', '30', 'exportTimeoutMs', 30000],
    ['HH_MAX_ATTRIBUTES', '2048', 'maxAttributes', 2048],
    ['HH_MAX_EVENTS', '256', 'maxEvents', 256],
    ['HH_MAX_LINKS', '16', 'maxLinks', 16],
    ['HH_MAX_SPAN_SIZE', '10485760', 'maxSpanSize', 10485760],
    ['HH_OTLP_ENABLED', 'false', 'otlpEnabled', false],
    ['HH_API_TIMEOUT', '0.5', 'apiTimeoutMs', 500],
    ['HH_EXIT_TIMEOUT', '1.5', 'exitTimeoutMs', 1500],
    ['HH_SAMPLE_RATE', '0.25', 'sampleRate', 0.25],
  ];

  it.each(cases)('%s=%s sets %s', (variable, text, name, expected) => {
    const result = read({ [variable]: text });
    expect((result.config as unknown as Record<string, unknown>)[name]).toEqual(expected);
    expect(result.config.sources[name]).toBe('env');
  });

  it('covers every variable listed in HH_ENV', () => {
    const tested = new Set(cases.map(([variable]) => variable));
    expect(Object.values(HH_ENV).filter((variable) => !tested.has(variable))).toEqual([]);
  });
});

describe('boolean environment values', () => {
  const variables: Array<[string, string]> = [
    ['HH_VERBOSE', 'verbose'],
    ['HH_TEST_MODE', 'testMode'],
    ['HH_DISABLE_BATCH', 'disableBatch'],
    ['HH_DISABLE_TRACING', 'disableTracing'],
    ['HH_DISABLE_HTTP_TRACING', 'disableHttpTracing'],
  ];
  const truthy = ['true', '1', 'yes', 'on', 'TRUE', ' Yes ', 'On'];
  const falsy = ['false', '0', 'no', 'off', 'FALSE', ' No ', 'Off'];

  describe.each(variables)('%s', (variable, name) => {
    it.each(truthy)('%p is true', (text) => expect(field({ [variable]: text }, name)).toBe(true));
    it.each(falsy)('%p is false', (text) => expect(field({ [variable]: text }, name)).toBe(false));
    it('a bad value is a problem naming the field and the variable, and the default is used', () => {
      const { config, problems } = read({ [variable]: 'maybe', HH_TEST_MODE: variable === 'HH_TEST_MODE' ? 'maybe' : 'true' });
      const problem = problems.find((p) => p.field === name);
      expect(problem).toMatchObject({ source: 'env', variable });
      expect(problem?.message).toContain(name);
      expect(problem?.message).toContain(variable);
      expect(problem?.fix).toContain(variable);
      expect(config.sources[name]).toBe('default');
    });
  });
});

describe('bad numbers and values in the environment', () => {
  const cases: Array<[string, string, string]> = [
    ['HH_BATCH_SIZE', 'abc', 'batchSize'],
    ['HH_BATCH_SIZE', '0', 'batchSize'],
    ['HH_BATCH_SIZE', '-5', 'batchSize'],
    ['HH_BATCH_SIZE', '2.5', 'batchSize'],
    ['HH_FLUSH_INTERVAL', 'soon', 'flushIntervalMs'],
    ['HH_FLUSH_INTERVAL', '0', 'flushIntervalMs'],
    ['HH_EXPORT_TIMEOUT', '-1', 'exportTimeoutMs'],
    ['HH_MAX_ATTRIBUTES', '1.5', 'maxAttributes'],
    ['HH_API_TIMEOUT', 'NaN', 'apiTimeoutMs'],
    ['HH_OTLP_PROTOCOL', 'thrift', 'otlpProtocol'],
    ['HH_OTLP_HEADERS', '{not json', 'otlpHeaders'],
    ['HH_API_URL', 'ftp://files.example', 'serverUrl'],
    ['HH_OTLP_ENDPOINT', 'not a url', 'otlpEndpoint'],
    ['HH_SAMPLE_RATE', '1.5', 'sampleRate'],
    ['HH_SAMPLE_RATE', 'half', 'sampleRate'],
  ];

  it.each(cases)('%s=%p is a problem for %s', (variable, text, name) => {
    const { problems, config } = read({ [variable]: text, HH_TEST_MODE: '1' });
    const problem = problems.find((p) => p.field === name);
    expect(problem).toBeDefined();
    expect(problem).toMatchObject({ source: 'env', variable });
    expect(problem?.message).toContain(variable);
    expect(problem?.message.startsWith(name)).toBe(true);
    expect(config.sources[name]).toBe('default');
  });

  it('keeps working with defaults after bad numbers', () => {
    const { config, mode } = read({ HH_BATCH_SIZE: 'abc', HH_MAX_ATTRIBUTES: 'x', HH_TEST_MODE: '1' });
    expect(config.batchSize).toBeUndefined();
    expect(config.maxAttributes).toBe(1024);
    expect(mode).toBe('active');
  });

  it('an invalid endpoint in the environment degrades instead of exporting elsewhere', () => {
    expect(read({ HH_API_URL: 'ftp://x', HH_API_KEY: 'k-123456' }).mode).toBe('degraded');
    expect(read({ HH_OTLP_ENDPOINT: 'nope', HH_API_KEY: 'k-123456' }).mode).toBe('degraded');
  });

  it('never shows header values from HH_OTLP_HEADERS in a problem', () => {
    const { problems } = read({ HH_OTLP_HEADERS: 'authorization=Bearer%20s3cr3t-token,broken', HH_TEST_MODE: '1' });
    const text = JSON.stringify(problems);
    expect(problems.some((p) => p.field === 'otlpHeaders')).toBe(true);
    expect(text).not.toContain('s3cr3t-token');
  });
});
