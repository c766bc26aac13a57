import { EXPORT_PROFILES, createOtlpExporter, resolveBatchOptions } from '../src';

// The options of resolveBatchOptions and createOtlpExporter. The environment (HH_BATCH_SIZE, HH_OTLP_ENDPOINT, …)
// is read by the tracer's configuration, not here: see packages/core/test/config/env-pipeline.test.ts.

const longRunning = EXPORT_PROFILES['long-running'];

/** Runs `fn` with these variables set in process.env, then puts process.env back. */
function withEnv<T>(variables: Record<string, string>, fn: () => T): T {
  const saved = Object.fromEntries(Object.keys(variables).map((name) => [name, process.env[name]]));
  Object.assign(process.env, variables);
  try {
    return fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

const ENV_KNOBS = {
  HH_BATCH_SIZE: '7',
  HH_FLUSH_INTERVAL: '0.25',
  HH_EXPORT_TIMEOUT: '1.234',
  HH_BATCH_MAX_BYTES: '65536',
  HH_DISABLE_BATCH: 'true',
  HH_OTLP_ENDPOINT: 'http://collector.example:4318/v1/traces',
  HH_OTLP_PROTOCOL: 'http/json',
  OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
  HH_OTLP_HEADERS: 'x-team=blue',
};

describe('resolveBatchOptions', () => {
  it('uses the long-running profile when nothing is set', () => {
    expect(resolveBatchOptions()).toEqual({ batch: { ...longRunning }, disableBatch: false, problems: [] });
  });

  it('reads no environment: HH_* variables change nothing here', () => {
    expect(withEnv(ENV_KNOBS, () => resolveBatchOptions())).toEqual({ batch: { ...longRunning }, disableBatch: false, problems: [] });
  });

  it('given options win over the profile', () => {
    const resolved = resolveBatchOptions({ batchSize: 3, flushIntervalMs: 9, exportTimeoutMs: 99, disableBatch: true, profile: 'serverless' });
    expect(resolved.batch).toEqual({ ...EXPORT_PROFILES.serverless, maxExportBatchSize: 3, scheduledDelayMillis: 9, exportTimeoutMillis: 99 });
    expect(resolved.disableBatch).toBe(true);
  });

  it('reports unusable values naming the option, and keeps the profile', () => {
    const resolved = resolveBatchOptions({ batchSize: 0, flushIntervalMs: -5, exportTimeoutMs: Number.NaN, maxExportBatchBytes: 10 });
    expect(resolved.batch).toEqual({ ...longRunning });
    expect(resolved.problems.map((p) => p.variable).sort()).toEqual(['batchSize', 'exportTimeoutMs', 'flushIntervalMs', 'maxExportBatchBytes']);
    for (const problem of resolved.problems) expect(problem.message).toContain(problem.variable);
  });

  it('a batch larger than the queue grows the default queue but is clamped to an explicit one', () => {
    expect(resolveBatchOptions({ batchSize: 5000 }).batch).toMatchObject({ maxExportBatchSize: 5000, maxQueueSize: 5000 });
    const clamped = resolveBatchOptions({ maxQueueSize: 10, batchSize: 50 });
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
    const created = build({});
    expect(created).toMatchObject({ protocol: 'http/protobuf', url: 'https://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces', timeoutMs: 10_000, problems: [] });
  });

  it('reads no environment: HH_OTLP_*, OTEL_EXPORTER_OTLP_PROTOCOL and HH_EXPORT_TIMEOUT change nothing here', () => {
    const created = withEnv({ ...ENV_KNOBS, HH_EXPORT_TIMEOUT: '2.5' }, () => build({}));
    expect(created).toMatchObject({ protocol: 'http/protobuf', url: 'https://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces', timeoutMs: 10_000, problems: [] });
  });

  it('derives the URL from serverUrl (trailing slash stripped, path kept)', () => {
    expect(build({ serverUrl: 'http://127.0.0.1:9/' }).url).toBe('http://127.0.0.1:9/opentelemetry/v1/traces');
    expect(build({ serverUrl: 'https://example.com/hh/' }).url).toBe('https://example.com/hh/opentelemetry/v1/traces');
  });

  it('an explicit endpoint overrides serverUrl', () => {
    expect(build({ serverUrl: 'https://x.example', endpoint: 'http://other:1/v1/traces' }).url).toBe('http://other:1/v1/traces');
  });

  it('the protocol option chooses the encoding (any case)', () => {
    expect(build({ protocol: 'http/json' }).protocol).toBe('http/json');
    expect(build({ protocol: 'HTTP/JSON' as never }).protocol).toBe('http/json');
  });

  it('gRPC keeps only the origin of the URL', () => {
    expect(build({ protocol: 'grpc', endpoint: 'http://127.0.0.1:4317/ignored' }).url).toBe('http://127.0.0.1:4317');
  });

  it('timeoutMs sets the export budget', () => {
    expect(build({ timeoutMs: 700 }).timeoutMs).toBe(700);
  });

  it('reports unusable settings, naming them, and uses the next one', () => {
    const created = build({ protocol: 'carrier-pigeon' as never, endpoint: 'not a url', timeoutMs: Number.NaN, serverUrl: 'ftp://x' });
    expect(created.protocol).toBe('http/protobuf');
    expect(created.url).toBe('https://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces');
    expect(created.timeoutMs).toBe(10_000);
    expect(created.problems.map((p) => p.variable).sort()).toEqual(['endpoint', 'protocol', 'serverUrl', 'timeoutMs']);
    for (const problem of created.problems) expect(problem.message).toContain(problem.variable);
  });
});
