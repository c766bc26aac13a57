import { resolveTracerConfig } from '@honeyhive/core';
import { OTEL_ENV } from '../../src/config/defaults';

// The OpenTelemetry SDK environment (OTLP exporter, batch span processor, OTEL_SDK_DISABLED), read below HH_*,
// with the specification's rules: the signal-specific variable wins, v1/traces is appended to the generic
// endpoint only, durations are milliseconds.

const read = (env: Record<string, string>, options = {}) => resolveTracerConfig(options, env);
const value = (env: Record<string, string>, name: string) => (read(env).config as unknown as Record<string, unknown>)[name];

describe('each OpenTelemetry variable sets its option', () => {
  const cases: Array<[string, string, string, unknown]> = [
    ['OTEL_EXPORTER_OTLP_ENDPOINT', 'http://collector:4318', 'otlpEndpoint', 'http://collector:4318/v1/traces'],
    ['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', 'http://collector:4318/custom/path', 'otlpEndpoint', 'http://collector:4318/custom/path'],
    ['OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json', 'otlpProtocol', 'http/json'],
    ['OTEL_EXPORTER_OTLP_TRACES_PROTOCOL', 'http/json', 'otlpProtocol', 'http/json'],
    ['OTEL_EXPORTER_OTLP_HEADERS', 'x-team=a,authorization=Bearer%20k', 'otlpHeaders', { 'x-team': 'a', authorization: 'Bearer k' }],
    ['OTEL_EXPORTER_OTLP_TRACES_HEADERS', 'x-team=b', 'otlpHeaders', { 'x-team': 'b' }],
    ['OTEL_EXPORTER_OTLP_TIMEOUT', '2500', 'exportTimeoutMs', 2500],
    ['OTEL_EXPORTER_OTLP_TRACES_TIMEOUT', '1500', 'exportTimeoutMs', 1500],
    ['OTEL_BSP_EXPORT_TIMEOUT', '3000', 'exportTimeoutMs', 3000],
    ['OTEL_BSP_SCHEDULE_DELAY', '250', 'flushIntervalMs', 250],
    ['OTEL_BSP_MAX_QUEUE_SIZE', '4096', 'maxQueueSize', 4096],
    ['OTEL_BSP_MAX_EXPORT_BATCH_SIZE', '64', 'batchSize', 64],
    ['OTEL_SDK_DISABLED', 'true', 'disableTracing', true],
  ];

  it.each(cases)('%s=%s sets %s', (variable, text, name, expected) => {
    const result = read({ [variable]: text });
    expect((result.config as unknown as Record<string, unknown>)[name]).toEqual(expected);
    expect(result.config.sources[name]).toBe('env');
    expect(result.problems.filter((problem) => problem.variable === variable)).toEqual([]);
  });

  it('covers every variable of OTEL_ENV', () => {
    const tested = new Set(cases.map(([variable]) => variable));
    expect(Object.values(OTEL_ENV).filter((variable) => !tested.has(variable))).toEqual([]);
  });
});

describe('the specification rules', () => {
  it('appends v1/traces to the generic endpoint, keeping its path', () => {
    expect(value({ OTEL_EXPORTER_OTLP_ENDPOINT: 'https://gw.example/otlp/' }, 'otlpEndpoint')).toBe('https://gw.example/otlp/v1/traces');
  });

  it('the traces endpoint wins over the generic one, and is used as is', () => {
    const env = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://generic:4318', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://traces:4318/ingest' };
    expect(value(env, 'otlpEndpoint')).toBe('http://traces:4318/ingest');
  });

  it('the signal-specific protocol, headers and timeout win over the generic ones', () => {
    const env = {
      OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
      OTEL_EXPORTER_OTLP_HEADERS: 'x-team=generic',
      OTEL_EXPORTER_OTLP_TRACES_HEADERS: 'x-team=traces',
      OTEL_EXPORTER_OTLP_TIMEOUT: '9000',
      OTEL_EXPORTER_OTLP_TRACES_TIMEOUT: '1000',
    };
    const { config } = read(env);
    expect(config.otlpProtocol).toBe('http/json');
    expect(config.otlpHeaders).toEqual({ 'x-team': 'traces' });
    expect(config.exportTimeoutMs).toBe(1000);
  });

  it('OTEL durations are milliseconds, HH_* durations seconds', () => {
    expect(value({ OTEL_BSP_SCHEDULE_DELAY: '5000' }, 'flushIntervalMs')).toBe(5000);
    expect(value({ HH_FLUSH_INTERVAL: '5' }, 'flushIntervalMs')).toBe(5000);
  });
});

describe('one precedence: option > HH_* > OTEL_* > default', () => {
  it('HH_* wins over OTEL_*', () => {
    const env = { HH_OTLP_ENDPOINT: 'http://hh:4318/v1/traces', OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://otel:4318/v1/traces', HH_BATCH_SIZE: '10', OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '20' };
    const { config } = read(env);
    expect(config.otlpEndpoint).toBe('http://hh:4318/v1/traces');
    expect(config.batchSize).toBe(10);
  });

  it('an option wins over both', () => {
    const { config } = read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://otel:4318', OTEL_BSP_SCHEDULE_DELAY: '100' }, { otlpEndpoint: 'http://mine:4318/v1/traces', flushIntervalMs: 700 });
    expect(config.otlpEndpoint).toBe('http://mine:4318/v1/traces');
    expect(config.flushIntervalMs).toBe(700);
  });

  it('an invalid OTEL_* value is a problem naming the variable and its unit', () => {
    const result = read({ OTEL_BSP_SCHEDULE_DELAY: 'soon', HH_TEST_MODE: 'true' });
    expect(result.config.flushIntervalMs).toBeUndefined();
    expect(result.problems).toEqual([expect.objectContaining({ field: 'flushIntervalMs', variable: 'OTEL_BSP_SCHEDULE_DELAY' })]);
    expect(result.problems[0]?.message).toContain('milliseconds');
  });

  it('an invalid OTEL_EXPORTER_OTLP_ENDPOINT degrades, as an invalid otlpEndpoint does', () => {
    expect(read({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' }).mode).toBe('degraded');
  });
});

describe('OTEL_SDK_DISABLED and the variables the exporters cannot honour', () => {
  it('OTEL_SDK_DISABLED=true disables the tracer', () => {
    expect(read({ OTEL_SDK_DISABLED: 'true' }).mode).toBe('disabled');
    expect(read({ OTEL_SDK_DISABLED: 'true', HH_DISABLE_TRACING: 'false' }).mode).not.toBe('disabled');
  });

  it('compression none is accepted; gzip is reported (sent uncompressed)', () => {
    expect(read({ OTEL_EXPORTER_OTLP_COMPRESSION: 'none', HH_TEST_MODE: 'true' }).problems).toEqual([]);
    const gzip = read({ OTEL_EXPORTER_OTLP_COMPRESSION: 'none', OTEL_EXPORTER_OTLP_TRACES_COMPRESSION: 'gzip', HH_TEST_MODE: 'false', HH_OTLP_ENDPOINT: 'http://localhost:4318/v1/traces' });
    expect(gzip.problems.map((problem) => problem.variable)).toEqual(['OTEL_EXPORTER_OTLP_TRACES_COMPRESSION']);
    expect(gzip.problems[0]?.message).toContain('uncompressed');
  });

  it('each certificate variable is one problem with a fix', () => {
    const env = { OTEL_EXPORTER_OTLP_CERTIFICATE: '/ca.pem', OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY: '/key.pem', HH_OTLP_ENDPOINT: 'https://c:4318/v1/traces' };
    const result = read(env);
    expect(result.problems.map((problem) => problem.variable)).toEqual(['OTEL_EXPORTER_OTLP_CERTIFICATE', 'OTEL_EXPORTER_OTLP_TRACES_CLIENT_KEY']);
    expect(result.problems[0]?.fix).toContain('NODE_EXTRA_CA_CERTS');
  });

  it('grpc from OTEL_EXPORTER_OTLP_TRACES_PROTOCOL without an endpoint is a notice, not a problem', () => {
    const result = read({ OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'grpc', HH_API_KEY: 'k' });
    expect(result.config.otlpProtocol).toBe('http/protobuf');
    expect(result.problems).toEqual([]);
    expect(result.notices).toEqual([expect.objectContaining({ variable: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL' })]);
  });
});
