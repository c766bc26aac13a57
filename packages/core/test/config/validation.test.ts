import {
  HoneyHiveConfigError,
  TracerConfig,
  assertValidConfig,
  formatConfigProblem,
  resolveTracerConfig,
} from '@honeyhive/core';
import { HoneyHiveError } from '@honeyhive/integration';

const OK_ENV = { HH_API_KEY: 'hh-test-key-000' };

describe('each bad value produces a problem naming the field and falls back', () => {
  const cases: Array<[string, unknown, unknown]> = [
    ['sessionId', 'not-a-uuid', undefined],
    ['batchSize', -1, undefined],
    ['batchSize', 0, undefined],
    ['batchSize', 1.5, undefined],
    ['batchSize', 'many', undefined],
    ['maxQueueSize', 0, undefined],
    ['flushIntervalMs', 0, undefined],
    ['exportTimeoutMs', -10, undefined],
    ['apiTimeoutMs', Infinity, 10000],
    ['maxAttributes', 0, 1024],
    ['otlpProtocol', 'thrift', 'http/protobuf'],
    ['exportProfile', 'turbo', undefined],
    ['verbose', 'maybe', false],
    ['disableHttpTracing', 2, true],
    ['source', 42, 'dev'],
    ['inputs', ['a'], undefined],
    ['metadata', 'text', undefined],
    ['userProperties', 5, undefined],
    ['otlpHeaders', { a: 1 }, undefined],
    ['includeSpanNames', ['ok', 5], undefined],
    ['excludeSpanNames', 'name', undefined],
    ['instrumentations', {}, []],
    ['instrumentModules', 'openai', undefined],
    ['onError', 'log it', undefined],
    ['mask', true, undefined],
    ['logger', { warn: () => undefined }, undefined],
    ['captureInputs', 'sometimes', true],
    ['runId', 7, undefined],
  ];

  it.each(cases)('%s = %p', (name, value, fallback) => {
    const { config, problems, mode } = resolveTracerConfig({ [name]: value }, OK_ENV);
    const problem = problems.find((p) => p.field === name);
    expect(problem).toMatchObject({ field: name, source: 'argument' });
    expect(problem?.message.startsWith(name)).toBe(true);
    expect(problem?.fix).toContain(name);
    expect((config as unknown as Record<string, unknown>)[name]).toEqual(fallback);
    expect(config.sources[name]).toBe('default');
    expect(mode).toBe('active');
  });

  it('reports problems from the config object with source "config"', () => {
    const { problems } = resolveTracerConfig({ config: { batchSize: -3 } }, OK_ENV);
    expect(problems).toEqual([expect.objectContaining({ field: 'batchSize', source: 'config' })]);
    expect(problems[0]?.message).toContain('config object');
  });

  it('an invalid value does not fall through to a lower level', () => {
    const { config } = resolveTracerConfig({ batchSize: -3 }, { ...OK_ENV, HH_BATCH_SIZE: '50' });
    expect(config.batchSize).toBeUndefined();
  });

  it('normalizes a valid session id to lower case', () => {
    const { config, problems } = resolveTracerConfig({ sessionId: ' 3F2C8A4E-9B1D-4C6E-8F0A-1B2C3D4E5F60 ' }, OK_ENV);
    expect(problems).toEqual([]);
    expect(config.sessionId).toBe('3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60');
  });

  it('accepts numbers and booleans written as strings', () => {
    const { config, problems } = resolveTracerConfig({ batchSize: '64' as unknown as number, verbose: 'yes' as unknown as boolean }, OK_ENV);
    expect(problems).toEqual([]);
    expect(config.batchSize).toBe(64);
    expect(config.verbose).toBe(true);
  });
});

describe('endpoints', () => {
  it.each(['ftp://files.example', 'file:///etc/passwd', 'api.honeyhive.ai', 'http//broken'])(
    'a non-http(s) serverUrl %p is a problem and degrades the tracer',
    (serverUrl) => {
      const { problems, mode, config } = resolveTracerConfig({ serverUrl }, OK_ENV);
      expect(problems).toEqual([expect.objectContaining({ field: 'serverUrl', source: 'argument' })]);
      expect(problems[0]?.message).toContain('degraded');
      expect(mode).toBe('degraded');
      expect(config.serverUrl).toBe('https://api.dp1.us.honeyhive.ai');
    },
  );

  it('strips trailing slashes from serverUrl', () => {
    expect(resolveTracerConfig({ serverUrl: 'https://hh.internal:8443/api///' }, OK_ENV).config.serverUrl).toBe('https://hh.internal:8443/api');
  });

  it('an invalid otlpEndpoint degrades the tracer', () => {
    const { problems, mode } = resolveTracerConfig({ otlpEndpoint: 'grpc://collector:4317' }, OK_ENV);
    expect(problems[0]).toMatchObject({ field: 'otlpEndpoint' });
    expect(mode).toBe('degraded');
  });

  it('grpc without an otlpEndpoint is a problem (the HoneyHive endpoint is http only)', () => {
    const { problems, config } = resolveTracerConfig({ otlpProtocol: 'grpc' }, OK_ENV);
    expect(problems).toEqual([expect.objectContaining({ field: 'otlpProtocol', source: 'argument' })]);
    expect(config.otlpProtocol).toBe('http/protobuf');
  });

  it('grpc with an otlpEndpoint is fine', () => {
    const { problems, config } = resolveTracerConfig({ otlpProtocol: 'grpc', otlpEndpoint: 'http://127.0.0.1:4317' }, OK_ENV);
    expect(problems).toEqual([]);
    expect(config.otlpProtocol).toBe('grpc');
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL=grpc meant for another exporter is only a notice', () => {
    const { problems, notices, config } = resolveTracerConfig({}, { ...OK_ENV, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' });
    expect(problems).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ field: 'otlpProtocol', variable: 'OTEL_EXPORTER_OTLP_PROTOCOL' })]);
    expect(config.otlpProtocol).toBe('http/protobuf');
  });

  it('HH_OTLP_PROTOCOL=grpc without an endpoint is a problem naming the variable', () => {
    const { problems } = resolveTracerConfig({}, { ...OK_ENV, HH_OTLP_PROTOCOL: 'grpc' });
    expect(problems).toEqual([expect.objectContaining({ field: 'otlpProtocol', source: 'env', variable: 'HH_OTLP_PROTOCOL' })]);
  });
});

describe('mode', () => {
  it('is active with an API key', () => {
    expect(resolveTracerConfig({ apiKey: 'k-123456' }, {}).mode).toBe('active');
  });

  it('is degraded without an API key when exporting to HoneyHive, naming HH_API_KEY and apiKey and the fix', () => {
    const { mode, problems } = resolveTracerConfig({}, {});
    expect(mode).toBe('degraded');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ field: 'apiKey', variable: 'HH_API_KEY' });
    expect(problems[0]?.message).toContain('HH_API_KEY');
    expect(problems[0]?.message).toContain('apiKey');
    expect(problems[0]?.fix).toContain('HH_API_KEY');
  });

  it('needs no API key in test mode or with an OTLP endpoint override', () => {
    expect(resolveTracerConfig({ testMode: true }, {})).toMatchObject({ mode: 'active', problems: [] });
    expect(resolveTracerConfig({ otlpEndpoint: 'http://127.0.0.1:4318/v1/traces' }, {})).toMatchObject({ mode: 'active', problems: [] });
  });

  it('is disabled with disableTracing, from an argument or the environment, without an API-key problem', () => {
    expect(resolveTracerConfig({ disableTracing: true }, {})).toMatchObject({ mode: 'disabled', problems: [] });
    expect(resolveTracerConfig({}, { HH_DISABLE_TRACING: 'yes' }).mode).toBe('disabled');
    expect(resolveTracerConfig({ disableTracing: false }, { HH_DISABLE_TRACING: 'yes', ...OK_ENV }).mode).toBe('active');
  });
});

describe('unknown options', () => {
  it.each([
    ['apikey', 'apiKey'],
    ['sesionName', 'sessionName'],
    ['batchSise', 'batchSize'],
    ['disableHTTPTracing', 'disableHttpTracing'],
    ['includeSpanName', 'includeSpanNames'],
    ['severUrl', 'serverUrl'],
  ])('%s suggests %s', (given, suggested) => {
    const { problems } = resolveTracerConfig({ [given]: 'x' } as never, OK_ENV);
    expect(problems).toEqual([expect.objectContaining({ field: given, source: 'argument' })]);
    expect(problems[0]?.message).toContain(`did you mean '${suggested}'`);
    expect(problems[0]?.fix).toBe(`rename '${given}' to '${suggested}'`);
  });

  it('gives no suggestion when nothing is close', () => {
    const { problems } = resolveTracerConfig({ frobnicate: 1 } as never, OK_ENV);
    expect(problems[0]?.message).not.toContain('did you mean');
    expect(problems[0]?.fix).toContain('remove');
  });

  it('checks names inside session and evaluation against their own fields', () => {
    const { problems } = resolveTracerConfig({ session: { sesionId: 'x' }, evaluation: { runID: 'r' } } as never, OK_ENV);
    expect(problems.map((p) => p.field)).toEqual(['session.sesionId', 'evaluation.runID']);
    expect(problems[0]?.message).toContain("did you mean 'sessionId'");
    expect(problems[0]?.fix).toBe("rename 'session.sesionId' to 'session.sessionId'");
    expect(problems[1]?.message).toContain("did you mean 'runId'");
  });

  it('reports unknown names in the config object too', () => {
    const { problems } = resolveTracerConfig({ config: new TracerConfig({ projet: 'p' } as never) }, OK_ENV);
    expect(problems).toEqual([expect.objectContaining({ field: 'projet', source: 'config' })]);
  });

  it('rejects non-object options and groups without throwing', () => {
    expect(resolveTracerConfig('key' as never, OK_ENV).problems[0]).toMatchObject({ field: 'options' });
    expect(resolveTracerConfig({ config: 5 } as never, OK_ENV).problems[0]).toMatchObject({ field: 'config' });
    expect(resolveTracerConfig({ session: 'x' } as never, OK_ENV).problems[0]).toMatchObject({ field: 'session' });
  });
});

describe('strict mode', () => {
  it('throws a HoneyHiveConfigError carrying every problem', () => {
    let caught: unknown;
    try {
      resolveTracerConfig({ strict: true, batchSize: 0, sessionId: 'nope' }, OK_ENV);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(HoneyHiveConfigError);
    expect(caught).toBeInstanceOf(HoneyHiveError);
    const error = caught as HoneyHiveConfigError;
    expect(error.name).toBe('HoneyHiveConfigError');
    expect(error.code).toBe('HH_CONFIG_INVALID');
    expect(error.problems.map((p) => p.field).sort()).toEqual(['batchSize', 'sessionId']);
    expect(error.message).toContain('batchSize');
  });

  it('throws for a missing API key, and from strict set in the config object', () => {
    expect(() => resolveTracerConfig({ config: { strict: true } }, {})).toThrow(HoneyHiveConfigError);
  });

  it('does not throw when the configuration is valid', () => {
    expect(resolveTracerConfig({ strict: true, apiKey: 'k-123456' }, {}).mode).toBe('active');
  });

  it('assertValidConfig throws only when there are problems', () => {
    expect(() => assertValidConfig(resolveTracerConfig({ batchSize: 0 }, OK_ENV))).toThrow(HoneyHiveConfigError);
    expect(() => assertValidConfig(resolveTracerConfig({}, OK_ENV))).not.toThrow();
  });
});

describe('formatConfigProblem', () => {
  it('makes one line with the message and the fix', () => {
    const { problems } = resolveTracerConfig({ batchSize: -1 }, OK_ENV);
    const line = formatConfigProblem(problems[0]!);
    expect(line).not.toContain('\n');
    expect(line).toMatch(/^HoneyHive config: batchSize .* Fix: .*batchSize.*\.$/);
  });

  it('collapses whitespace', () => {
    expect(formatConfigProblem({ field: 'x', source: 'env', message: 'a\n b', fix: 'c\t d' })).toBe('HoneyHive config: a b. Fix: c d.');
  });
});
