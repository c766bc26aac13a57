import { EXPORT_PROFILES, createOtlpExporter, resolveBatchOptions } from '../src';

const longRunning = EXPORT_PROFILES['long-running'];

describe('resolveBatchOptions', () => {
  it('uses the long-running profile when nothing is set', () => {
    expect(resolveBatchOptions({ env: {} })).toEqual({ batch: { ...longRunning }, disableBatch: false, problems: [] });
  });

  it('HH_BATCH_SIZE sets the batch size', () => {
    expect(resolveBatchOptions({ env: { HH_BATCH_SIZE: '7' } }).batch.maxExportBatchSize).toBe(7);
  });

  it('HH_FLUSH_INTERVAL sets the delay, in seconds', () => {
    expect(resolveBatchOptions({ env: { HH_FLUSH_INTERVAL: '0.25' } }).batch.scheduledDelayMillis).toBe(250);
  });

  it('HH_EXPORT_TIMEOUT sets the export timeout, in seconds', () => {
    expect(resolveBatchOptions({ env: { HH_EXPORT_TIMEOUT: '1.234' } }).batch.exportTimeoutMillis).toBe(1234);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['off', false],
  ])('HH_DISABLE_BATCH=%s → %p', (value, expected) => {
    expect(resolveBatchOptions({ env: { HH_DISABLE_BATCH: value } }).disableBatch).toBe(expected);
  });

  it('explicit options win over the environment', () => {
    const resolved = resolveBatchOptions({
      batchSize: 3,
      flushIntervalMs: 9,
      exportTimeoutMs: 99,
      disableBatch: false,
      env: { HH_BATCH_SIZE: '7', HH_FLUSH_INTERVAL: '0.25', HH_EXPORT_TIMEOUT: '1.234', HH_DISABLE_BATCH: 'true' },
    });
    expect(resolved.batch).toMatchObject({ maxExportBatchSize: 3, scheduledDelayMillis: 9, exportTimeoutMillis: 99 });
    expect(resolved.disableBatch).toBe(false);
  });

  it('the environment wins over the profile', () => {
    const resolved = resolveBatchOptions({ profile: 'serverless', env: { HH_FLUSH_INTERVAL: '0.777' } });
    expect(resolved.batch).toEqual({ ...EXPORT_PROFILES.serverless, scheduledDelayMillis: 777 });
  });

  it('reports bad values naming the variable, and falls back', () => {
    const resolved = resolveBatchOptions({
      env: { HH_BATCH_SIZE: 'lots', HH_FLUSH_INTERVAL: '-5', HH_EXPORT_TIMEOUT: '0', HH_DISABLE_BATCH: 'maybe' },
    });
    expect(resolved.batch).toEqual({ ...longRunning });
    expect(resolved.disableBatch).toBe(false);
    const names = resolved.problems.map((p) => p.variable).sort();
    expect(names).toEqual(['HH_BATCH_SIZE', 'HH_DISABLE_BATCH', 'HH_EXPORT_TIMEOUT', 'HH_FLUSH_INTERVAL']);
    for (const problem of resolved.problems) expect(problem.message).toContain(problem.variable);
  });

  it('a batch larger than the queue grows the default queue but is clamped to an explicit one', () => {
    expect(resolveBatchOptions({ env: { HH_BATCH_SIZE: '5000' } }).batch).toMatchObject({ maxExportBatchSize: 5000, maxQueueSize: 5000 });
    const clamped = resolveBatchOptions({ maxQueueSize: 10, env: { HH_BATCH_SIZE: '50' } });
    expect(clamped.batch).toMatchObject({ maxExportBatchSize: 10, maxQueueSize: 10 });
    expect(clamped.problems.map((p) => p.variable)).toEqual(['maxExportBatchSize']);
  });
});

describe('createOtlpExporter configuration', () => {
  const build = (options: Parameters<typeof createOtlpExporter>[0]) => {
    const created = createOtlpExporter(options);
    void created.exporter.shutdown();
    return created;
  };

  it('defaults to http/protobuf at the HoneyHive cloud, 10 s budget', () => {
    const created = build({ env: {} });
    expect(created).toMatchObject({ protocol: 'http/protobuf', url: 'https://api.honeyhive.ai/opentelemetry/v1/traces', timeoutMs: 10_000, problems: [] });
  });

  it('derives the URL from serverUrl (trailing slash stripped, path kept)', () => {
    expect(build({ env: {}, serverUrl: 'http://127.0.0.1:9/' }).url).toBe('http://127.0.0.1:9/opentelemetry/v1/traces');
    expect(build({ env: {}, serverUrl: 'https://example.com/hh/' }).url).toBe('https://example.com/hh/opentelemetry/v1/traces');
  });

  it('HH_OTLP_ENDPOINT overrides serverUrl; an explicit endpoint overrides it', () => {
    const env = { HH_OTLP_ENDPOINT: 'http://collector:4318/v1/traces' };
    expect(build({ env, serverUrl: 'https://x.example' }).url).toBe('http://collector:4318/v1/traces');
    expect(build({ env, endpoint: 'http://other:1/v1/traces' }).url).toBe('http://other:1/v1/traces');
  });

  it('HH_OTLP_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, chooses the protocol; explicit wins', () => {
    expect(build({ env: { HH_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } }).protocol).toBe('http/json');
    expect(build({ env: { OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' } }).protocol).toBe('grpc');
    expect(build({ protocol: 'http/protobuf', env: { HH_OTLP_PROTOCOL: 'grpc' } }).protocol).toBe('http/protobuf');
  });

  it('gRPC keeps only the origin of the URL', () => {
    expect(build({ env: { HH_OTLP_PROTOCOL: 'grpc', HH_OTLP_ENDPOINT: 'http://127.0.0.1:4317/ignored' } }).url).toBe('http://127.0.0.1:4317');
  });

  it('HH_EXPORT_TIMEOUT sets the export budget; explicit wins', () => {
    expect(build({ env: { HH_EXPORT_TIMEOUT: '2.5' } }).timeoutMs).toBe(2500);
    expect(build({ timeoutMs: 700, env: { HH_EXPORT_TIMEOUT: '2.5' } }).timeoutMs).toBe(700);
  });

  it('reports unusable settings, naming them, and uses the next one', () => {
    const created = build({
      env: { HH_OTLP_PROTOCOL: 'carrier-pigeon', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', HH_OTLP_ENDPOINT: 'not a url', HH_EXPORT_TIMEOUT: 'soon', HH_OTLP_HEADERS: 'novalue' },
      serverUrl: 'ftp://x',
    });
    expect(created.protocol).toBe('http/json');
    expect(created.url).toBe('https://api.honeyhive.ai/opentelemetry/v1/traces');
    expect(created.timeoutMs).toBe(10_000);
    expect(created.problems.map((p) => p.variable).sort()).toEqual(['HH_EXPORT_TIMEOUT', 'HH_OTLP_ENDPOINT', 'HH_OTLP_HEADERS', 'HH_OTLP_PROTOCOL', 'serverUrl']);
    for (const problem of created.problems) expect(problem.message).toContain(problem.variable);
  });
});
