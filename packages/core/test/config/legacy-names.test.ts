import { resolveTracerConfig } from '@honeyhive/core';
import type { TracerOptions } from '@honeyhive/core';

const legacy = (options: Record<string, unknown>) => options as TracerOptions;

describe('snake_case and npm 1.x names', () => {
  it('are mapped at the argument level with a deprecation notice each, and no problems', () => {
    const { config, problems, notices } = resolveTracerConfig(
      legacy({
        api_key: 'k-123456',
        server_url: 'https://hh.example/',
        session_name: 'legacy session',
        disable_batch: true,
        disable_http_tracing: false,
        test_mode: false,
        user_properties: { tier: 'pro' },
        is_evaluation: true,
        run_id: 'r',
        dataset_id: 'd',
        datapoint_id: 'p',
        batch_size: 50,
        flush_interval: 2,
        export_timeout: 15,
        api_timeout: 3,
        max_attributes: 99,
        otlp_protocol: 'http/json',
      }),
      {},
    );
    expect(problems).toEqual([]);
    expect(config).toMatchObject({
      serverUrl: 'https://hh.example',
      sessionName: 'legacy session',
      disableBatch: true,
      disableHttpTracing: false,
      testMode: false,
      userProperties: { tier: 'pro' },
      isEvaluation: true,
      runId: 'r',
      datasetId: 'd',
      datapointId: 'p',
      batchSize: 50,
      flushIntervalMs: 2000,
      exportTimeoutMs: 15000,
      apiTimeoutMs: 3000,
      maxAttributes: 99,
      otlpProtocol: 'http/json',
    });
    expect(config.apiKey).toBe('k-123456');
    expect(notices.map((n) => n.field).sort()).toEqual(
      [
        'apiKey', 'serverUrl', 'sessionName', 'disableBatch', 'disableHttpTracing', 'testMode', 'userProperties',
        'isEvaluation', 'runId', 'datasetId', 'datapointId', 'batchSize', 'flushIntervalMs', 'exportTimeoutMs',
        'apiTimeoutMs', 'maxAttributes', 'otlpProtocol',
      ].sort(),
    );
    expect(notices.find((n) => n.field === 'flushIntervalMs')?.message).toContain('seconds converted to milliseconds');
  });

  it('are mapped in the config object and inside session/evaluation', () => {
    const { config } = resolveTracerConfig(
      legacy({ config: { session_id: '00000000-0000-4000-8000-000000000001', otlp_endpoint: 'http://127.0.0.1:4318/v1/traces' }, evaluation: { run_id: 'r9' } }),
      {},
    );
    expect(config.sessionId).toBe('00000000-0000-4000-8000-000000000001');
    expect(config.otlpEndpoint).toBe('http://127.0.0.1:4318/v1/traces');
    expect(config.runId).toBe('r9');
  });

  it('lose to the camelCase name, which is noted', () => {
    const { config, notices, problems } = resolveTracerConfig(legacy({ apiKey: 'new-key-1', api_key: 'old-key-1', batch_size: 1, batchSize: 2 }), {});
    expect(config.apiKey).toBe('new-key-1');
    expect(config.batchSize).toBe(2);
    expect(problems).toEqual([]);
    expect(notices.filter((n) => n.message.includes('wins')).map((n) => n.field).sort()).toEqual(['apiKey', 'batchSize']);
  });

  it('a legacy name on the argument beats the camelCase name in the config object', () => {
    const { config } = resolveTracerConfig(legacy({ project: undefined, server_url: 'https://a.example', config: { serverUrl: 'https://b.example' } }), { HH_TEST_MODE: '1' });
    expect(config.serverUrl).toBe('https://a.example');
  });

  it('npm 1.x tracer options pass through unchanged; client names are mapped', () => {
    const modules = { openAI: class {} };
    const { config, problems } = resolveTracerConfig(
      legacy({ bearerAuth: 'k-123456', serverURL: 'https://c.example', instrumentModules: modules, verbose: false }),
      {},
    );
    expect(problems).toEqual([]);
    expect(config.apiKey).toBe('k-123456');
    expect(config.serverUrl).toBe('https://c.example');
    expect(config.instrumentModules).toBe(modules);
  });

  it('a bad value under a legacy name is reported under the current name', () => {
    const { problems } = resolveTracerConfig(legacy({ flush_interval: 'soon', api_key: 'k-123456' }), {});
    expect(problems).toEqual([expect.objectContaining({ field: 'flushIntervalMs', source: 'argument' })]);
  });
});
