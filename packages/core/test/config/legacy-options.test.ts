import { LEGACY_OPTION_NAMES, mapLegacyOptions } from '../../src/config/legacy-options';

describe('mapLegacyOptions', () => {
  it('maps Python snake_case names to camelCase and lists the deprecations', () => {
    const input = {
      api_key: 'k',
      server_url: 'https://example.test',
      session_name: 'n',
      session_id: 'id',
      disable_batch: true,
      disable_http_tracing: false,
      disable_tracing: false,
      is_evaluation: true,
      run_id: 'r',
      dataset_id: 'd',
      datapoint_id: 'p',
      test_mode: true,
      user_properties: { u: 1 },
      otlp_endpoint: 'http://127.0.0.1:4318/v1/traces',
      batch_size: 10,
      max_attributes: 64,
      instrument_modules: { openAI: 'x' },
      project: 'kept as is',
    };
    const { options, deprecations, conflicts } = mapLegacyOptions(input);
    expect(options).toEqual({
      apiKey: 'k',
      serverUrl: 'https://example.test',
      sessionName: 'n',
      sessionId: 'id',
      disableBatch: true,
      disableHttpTracing: false,
      disableTracing: false,
      isEvaluation: true,
      runId: 'r',
      datasetId: 'd',
      datapointId: 'p',
      testMode: true,
      userProperties: { u: 1 },
      otlpEndpoint: 'http://127.0.0.1:4318/v1/traces',
      batchSize: 10,
      maxAttributes: 64,
      instrumentModules: { openAI: 'x' },
      project: 'kept as is',
    });
    expect(deprecations.map((d) => `${d.from}->${d.to}`)).toContain('api_key->apiKey');
    expect(deprecations).toHaveLength(Object.keys(input).length - 1);
    expect(conflicts).toEqual([]);
  });

  it('converts Python seconds to milliseconds for intervals and timeouts', () => {
    const { options, deprecations } = mapLegacyOptions({ flush_interval: 1.5, export_timeout: '30', api_timeout: 2 });
    expect(options).toEqual({ flushIntervalMs: 1500, exportTimeoutMs: 30000, apiTimeoutMs: 2000 });
    expect(deprecations.every((d) => d.note === 'seconds converted to milliseconds')).toBe(true);
  });

  it('passes a non-numeric seconds value on unchanged for validation to report', () => {
    expect(mapLegacyOptions({ flush_interval: 'soon' }).options).toEqual({ flushIntervalMs: 'soon' });
  });

  it('lets the camelCase name win and reports the legacy one as a conflict', () => {
    const { options, conflicts } = mapLegacyOptions({ api_key: 'old', apiKey: 'new', server_url: 'https://b.test' });
    expect(options.apiKey).toBe('new');
    expect(options.serverUrl).toBe('https://b.test');
    expect(conflicts).toEqual([{ from: 'api_key', to: 'apiKey' }]);
  });

  it('maps npm honeyhive 1.x client names and keeps 1.x tracer names', () => {
    const { options } = mapLegacyOptions({ bearerAuth: 'k', serverURL: 'https://c.test', instrumentModules: {}, verbose: true });
    expect(options).toEqual({ apiKey: 'k', serverUrl: 'https://c.test', instrumentModules: {}, verbose: true });
  });

  it('maps the snake_case spelling of every multi-word tracer option', () => {
    const onError = () => undefined;
    const patterns = [/^internal/];
    const { options, deprecations } = mapLegacyOptions({
      export_profile: 'serverless',
      register_global: false,
      include_span_names: patterns,
      exclude_span_names: ['health'],
      capture_inputs: false,
      capture_outputs: true,
      legacy_input_shape: true,
      on_error: onError,
      max_queue_size: 10,
      otlp_headers: { a: 'b' },
      otlp_protocol: 'http/json',
    });
    expect(options).toEqual({
      exportProfile: 'serverless',
      registerGlobal: false,
      includeSpanNames: patterns,
      excludeSpanNames: ['health'],
      captureInputs: false,
      captureOutputs: true,
      legacyInputShape: true,
      onError,
      maxQueueSize: 10,
      otlpHeaders: { a: 'b' },
      otlpProtocol: 'http/json',
    });
    expect(options.onError).toBe(onError);
    expect(deprecations).toHaveLength(11);
  });

  it('maps Python session_config / evaluation_config to the session / evaluation groups', () => {
    const session = { session_name: 's' };
    const { options } = mapLegacyOptions({ session_config: session, evaluation_config: { run_id: 'r' } });
    expect(options.session).toBe(session);
    expect(options.evaluation).toEqual({ run_id: 'r' });
  });

  it('maps Python instrumentors to instrumentations', () => {
    const list = [{}];
    expect(mapLegacyOptions({ instrumentors: list }).options.instrumentations).toBe(list);
  });

  it('drops legacy keys whose value is undefined and does not change its input', () => {
    const input = { api_key: undefined, apiKey: 'k' };
    const frozen = Object.freeze({ ...input });
    const { options, deprecations, conflicts } = mapLegacyOptions(frozen);
    expect(options).toEqual({ apiKey: 'k' });
    expect(deprecations).toEqual([]);
    expect(conflicts).toEqual([]);
    expect(frozen).toEqual(input);
  });

  it('publishes its table', () => {
    expect(LEGACY_OPTION_NAMES.api_key).toBe('apiKey');
    expect(LEGACY_OPTION_NAMES.flush_interval).toBe('flushIntervalMs');
  });
});
