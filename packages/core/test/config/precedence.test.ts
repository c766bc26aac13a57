import { DEFAULT_SERVER_URL, TracerConfig, resolveTracerConfig } from '@honeyhive/core';
import type { TracerOptions } from '@honeyhive/core';

// One row per field family: a value for each precedence level and the value each resolves to.
interface Row {
  field: string;
  variable?: string;
  argument: unknown;
  config: unknown;
  envText?: string;
  expected: { argument: unknown; config: unknown; env?: unknown; default: unknown };
}

const uuid = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const ROWS: Row[] = [
  { field: 'apiKey', variable: 'HH_API_KEY', argument: 'arg-key', config: 'config-key', envText: 'env-key', expected: { argument: 'arg-key', config: 'config-key', env: 'env-key', default: undefined } },
  { field: 'serverUrl', variable: 'HH_API_URL', argument: 'https://arg.test/', config: 'https://config.test', envText: 'http://env.test//', expected: { argument: 'https://arg.test', config: 'https://config.test', env: 'http://env.test', default: DEFAULT_SERVER_URL } },
  { field: 'project', variable: 'HH_PROJECT', argument: 'p-arg', config: 'p-config', envText: 'p-env', expected: { argument: 'p-arg', config: 'p-config', env: 'p-env', default: undefined } },
  { field: 'source', variable: 'HH_SOURCE', argument: 'prod', config: 'staging', envText: 'ci', expected: { argument: 'prod', config: 'staging', env: 'ci', default: 'dev' } },
  { field: 'verbose', variable: 'HH_VERBOSE', argument: true, config: false, envText: 'yes', expected: { argument: true, config: false, env: true, default: false } },
  { field: 'testMode', variable: 'HH_TEST_MODE', argument: false, config: true, envText: 'on', expected: { argument: false, config: true, env: true, default: false } },
  { field: 'disableBatch', variable: 'HH_DISABLE_BATCH', argument: true, config: false, envText: '1', expected: { argument: true, config: false, env: true, default: false } },
  { field: 'disableHttpTracing', variable: 'HH_DISABLE_HTTP_TRACING', argument: false, config: true, envText: 'off', expected: { argument: false, config: true, env: false, default: true } },
  { field: 'otlpEndpoint', variable: 'HH_OTLP_ENDPOINT', argument: 'http://127.0.0.1:1/v1/traces', config: 'http://127.0.0.1:2/v1/traces', envText: 'http://127.0.0.1:3/v1/traces', expected: { argument: 'http://127.0.0.1:1/v1/traces', config: 'http://127.0.0.1:2/v1/traces', env: 'http://127.0.0.1:3/v1/traces', default: undefined } },
  { field: 'otlpHeaders', variable: 'HH_OTLP_HEADERS', argument: { a: '1' }, config: { b: '2' }, envText: 'c=3', expected: { argument: { a: '1' }, config: { b: '2' }, env: { c: '3' }, default: undefined } },
  { field: 'otlpProtocol', variable: 'HH_OTLP_PROTOCOL', argument: 'http/json', config: 'http/protobuf', envText: 'HTTP/JSON', expected: { argument: 'http/json', config: 'http/protobuf', env: 'http/json', default: 'http/protobuf' } },
  { field: 'batchSize', variable: 'HH_BATCH_SIZE', argument: 10, config: 20, envText: '30', expected: { argument: 10, config: 20, env: 30, default: undefined } },
  { field: 'maxExportBatchBytes', variable: 'HH_BATCH_MAX_BYTES', argument: 65536, config: 131072, envText: '262144', expected: { argument: 65536, config: 131072, env: 262144, default: undefined } },
  { field: 'flushIntervalMs', variable: 'HH_FLUSH_INTERVAL', argument: 100, config: 200, envText: '0.3', expected: { argument: 100, config: 200, env: 300, default: undefined } },
  { field: 'exportTimeoutMs', variable: 'HH_EXPORT_TIMEOUT', argument: 1000, config: 2000, envText: '3', expected: { argument: 1000, config: 2000, env: 3000, default: undefined } },
  { field: 'maxAttributes', variable: 'HH_MAX_ATTRIBUTES', argument: 64, config: 128, envText: '256', expected: { argument: 64, config: 128, env: 256, default: 1024 } },
  { field: 'apiTimeoutMs', variable: 'HH_API_TIMEOUT', argument: 1500, config: 2500, envText: '2.5', expected: { argument: 1500, config: 2500, env: 2500, default: 10000 } },
  { field: 'sessionId', argument: uuid(1), config: uuid(2), expected: { argument: uuid(1), config: uuid(2), default: undefined } },
  { field: 'maxQueueSize', argument: 100, config: 200, expected: { argument: 100, config: 200, default: undefined } },
  { field: 'exportProfile', argument: 'serverless', config: 'high-throughput', expected: { argument: 'serverless', config: 'high-throughput', default: undefined } },
  { field: 'registerGlobal', argument: false, config: true, expected: { argument: false, config: true, default: true } },
  { field: 'captureOutputs', argument: false, config: true, expected: { argument: false, config: true, default: true } },
  { field: 'legacyInputShape', argument: true, config: false, expected: { argument: true, config: false, default: false } },
  { field: 'isEvaluation', argument: true, config: false, expected: { argument: true, config: false, default: false } },
  { field: 'runId', argument: 'run-a', config: 'run-c', expected: { argument: 'run-a', config: 'run-c', default: undefined } },
];

// A key so that the API-key check does not add noise to the rows that do not test it.
const BASE_ENV = { HH_TEST_MODE: 'true' };

describe.each(ROWS)('precedence of $field', (row) => {
  const env = row.variable ? { ...BASE_ENV, [row.variable]: row.envText } : BASE_ENV;
  const get = (options: TracerOptions, source: Record<string, string | undefined>) => {
    const { config } = resolveTracerConfig(options, source);
    return { value: (config as unknown as Record<string, unknown>)[row.field], source: config.sources[row.field] };
  };

  it('explicit argument beats the config object and the environment', () => {
    expect(get({ [row.field]: row.argument, config: { [row.field]: row.config } }, env)).toEqual({ value: row.expected.argument, source: 'argument' });
  });

  it('config object beats the environment', () => {
    expect(get({ config: { [row.field]: row.config } }, env)).toEqual({ value: row.expected.config, source: 'config' });
  });

  it('config object given as a TracerConfig instance works the same', () => {
    expect(get({ config: new TracerConfig({ [row.field]: row.config }) }, env)).toEqual({ value: row.expected.config, source: 'config' });
  });

  if (row.variable !== undefined) {
    it('environment beats the default', () => {
      expect(get({}, env)).toEqual({ value: row.expected.env, source: 'env' });
    });
  }

  it('falls back to the default', () => {
    expect(get({}, row.field === 'testMode' ? {} : BASE_ENV)).toEqual({ value: row.expected.default, source: 'default' });
  });
});

describe('precedence details', () => {
  it('treats blank strings (e.g. process.env.X || "") as not given and moves on to the next level', () => {
    const { config } = resolveTracerConfig({ apiKey: '', project: '  ', config: { project: 'from-config' } }, { HH_API_KEY: 'env-key' });
    expect(config.apiKey).toBe('env-key');
    expect(config.project).toBe('from-config');
  });

  it('explicit false beats a true in the environment', () => {
    const { config } = resolveTracerConfig({ verbose: false }, { HH_VERBOSE: 'true', HH_TEST_MODE: '1' });
    expect(config.verbose).toBe(false);
  });

  it('HH_OTLP_PROTOCOL beats OTEL_EXPORTER_OTLP_PROTOCOL, which is used when it is absent', () => {
    const both = { HH_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf', HH_TEST_MODE: '1' };
    expect(resolveTracerConfig({}, both).config.otlpProtocol).toBe('http/json');
    const otelOnly = { OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', HH_TEST_MODE: '1' };
    expect(resolveTracerConfig({}, otelOnly).config.otlpProtocol).toBe('http/json');
  });

  it('reads session and evaluation groups, with flat fields winning and a notice', () => {
    const { config, notices } = resolveTracerConfig(
      {
        sessionName: 'flat',
        session: { sessionName: 'grouped', metadata: { a: 1 } },
        evaluation: { runId: 'r1', datasetId: 'd1' },
        config: new TracerConfig({ evaluation: { runId: 'r-config', datapointId: 'p1' } }),
      },
      BASE_ENV,
    );
    expect(config.sessionName).toBe('flat');
    expect(config.metadata).toEqual({ a: 1 });
    expect(config.runId).toBe('r1');
    expect(config.datasetId).toBe('d1');
    expect(config.datapointId).toBe('p1');
    expect(notices.some((n) => n.field === 'sessionName' && n.message.includes('session.sessionName'))).toBe(true);
  });

  it('keeps object values by reference and never changes them', () => {
    const metadata = Object.freeze({ nested: Object.freeze({ x: 1 }) });
    const { config } = resolveTracerConfig({ metadata }, BASE_ENV);
    expect(config.metadata).toBe(metadata);
  });

  it('defaults the session name to a non-empty name of the main script', () => {
    const { config } = resolveTracerConfig({}, BASE_ENV);
    expect(typeof config.sessionName).toBe('string');
    expect(config.sessionName.length).toBeGreaterThan(0);
    expect(config.sessionName).not.toContain('/');
    expect(resolveTracerConfig({}, { ...BASE_ENV, HH_SESSION_NAME: 'from env' }).config.sessionName).toBe('from env');
  });

  it('returns a frozen config', () => {
    const { config } = resolveTracerConfig({}, BASE_ENV);
    expect(Object.isFrozen(config)).toBe(true);
  });
});
