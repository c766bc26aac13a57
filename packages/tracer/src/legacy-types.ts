import type { HoneyHiveTracerOptions, EnrichSessionFields } from '@honeyhive/core';
import type { TraceOptions } from '@honeyhive/instrumentation';

/**
 * Options of `traceFunction`, `traceModel`, `traceTool` and `traceChain` as npm `honeyhive` 1.x named them
 * (`eventType`, `config`, `metadata`, `eventName`), plus every option of `trace()`. `eventType` is matched
 * case-insensitively (`'Model'` works, as in 1.x); a value other than model/tool/chain is ignored and the
 * type is detected.
 */
export interface TraceFunctionOptions extends Omit<TraceOptions, 'eventType'> {
  /** `'model'`, `'tool'` or `'chain'` (any case). */
  eventType?: string | undefined;
}

/** What npm `honeyhive` 1.x's `enrichSpan` / `logModel` take; each group is flattened under its docs/wire-contract.md prefix. */
export interface EnrichSpanParams {
  /** Under `honeyhive_config.*`. */
  config?: Record<string, unknown>;
  /** Under `honeyhive_metadata.*`. */
  metadata?: Record<string, unknown>;
  /** Under `honeyhive_metrics.*`. */
  metrics?: Record<string, unknown>;
  /** Under `honeyhive_feedback.*`. */
  feedback?: Record<string, unknown>;
  /** Under `honeyhive_inputs.*`. */
  inputs?: Record<string, unknown>;
  /** Under `honeyhive_outputs.*`. */
  outputs?: Record<string, unknown>;
  /** Sets `honeyhive_error`. */
  error?: string | null;
  /** Sets `honeyhive_event_name`. */
  eventName?: string;
}

/**
 * What npm `honeyhive` 1.x's `enrichSession` takes: the session fields, plus `sessionId` (default: the session
 * of the current scope, else the tracer's own). `inputs` go under `metadata.inputs` (docs/wire-contract.md).
 */
export interface EnrichSessionParams extends EnrichSessionFields {
  /** The session to update. */
  sessionId?: string | undefined;
}

/**
 * Python-style snake_case names of the tracer options, accepted as aliases of the camelCase ones (the
 * camelCase name wins a clash). Each use is reported as a deprecation note in verbose mode. Durations are in
 * seconds, as in the Python SDK.
 */
export interface PythonStyleTracerOptions {
  /** @deprecated Use `apiKey`. */
  api_key?: string;
  /** @deprecated Use `serverUrl`. */
  server_url?: string;
  /** @deprecated Use `sessionName`. */
  session_name?: string;
  /** @deprecated Use `sessionId`. */
  session_id?: string;
  /** @deprecated Use `userProperties`. */
  user_properties?: Record<string, unknown>;
  /** @deprecated Use `testMode`. */
  test_mode?: boolean;
  /** @deprecated Use `disableBatch`. */
  disable_batch?: boolean;
  /** @deprecated Use `disableTracing`. */
  disable_tracing?: boolean;
  /** @deprecated Use `disableHttpTracing`. */
  disable_http_tracing?: boolean;
  /** @deprecated Use `isEvaluation`. */
  is_evaluation?: boolean;
  /** @deprecated Use `runId`. */
  run_id?: string;
  /** @deprecated Use `datasetId`. */
  dataset_id?: string;
  /** @deprecated Use `datapointId`. */
  datapoint_id?: string;
  /** @deprecated Use `otlpEndpoint`. */
  otlp_endpoint?: string;
  /** @deprecated Use `otlpHeaders`. */
  otlp_headers?: Record<string, string>;
  /** @deprecated Use `otlpProtocol`. */
  otlp_protocol?: HoneyHiveTracerOptions['otlpProtocol'];
  /** @deprecated Use `batchSize`. */
  batch_size?: number;
  /** @deprecated Use `maxQueueSize`. */
  max_queue_size?: number;
  /** @deprecated Use `flushIntervalMs` (milliseconds); this one is in seconds. */
  flush_interval?: number;
  /** @deprecated Use `exportTimeoutMs` (milliseconds); this one is in seconds. */
  export_timeout?: number;
  /** @deprecated Use `apiTimeoutMs` (milliseconds); this one is in seconds. */
  api_timeout?: number;
  /** @deprecated Use `maxAttributes`. */
  max_attributes?: number;
  /** @deprecated Use `instrumentModules`. */
  instrument_modules?: Record<string, unknown>;
  /** @deprecated Use `instrumentations`. */
  instrumentors?: readonly unknown[];
  /** @deprecated Use `exportProfile`. */
  export_profile?: HoneyHiveTracerOptions['exportProfile'];
  /** @deprecated Use `registerGlobal`. */
  register_global?: boolean;
  /** @deprecated Use `includeSpanNames`. */
  include_span_names?: HoneyHiveTracerOptions['includeSpanNames'];
  /** @deprecated Use `excludeSpanNames`. */
  exclude_span_names?: HoneyHiveTracerOptions['excludeSpanNames'];
  /** @deprecated Use `captureInputs`. */
  capture_inputs?: boolean;
  /** @deprecated Use `captureOutputs`. */
  capture_outputs?: boolean;
  /** @deprecated Use `legacyInputShape`. */
  legacy_input_shape?: boolean;
  /** @deprecated Use `onError`. */
  on_error?: HoneyHiveTracerOptions['onError'];
}

/**
 * What `new HoneyHiveTracer(options)` and `HoneyHiveTracer.init(options)` accept: every option of
 * {@link HoneyHiveTracerOptions} (the npm `honeyhive` 1.x names `apiKey`, `project`, `sessionName`, `source`,
 * `serverUrl`, `sessionId`, `inputs`, `metadata`, `verbose`, `disableBatch`, `disableHttpTracing`,
 * `isEvaluation`, `runId`, `datasetId`, `datapointId`, `instrumentModules` among them), plus the Python-style
 * snake_case aliases.
 */
export type HoneyHiveTracerInitOptions = HoneyHiveTracerOptions & PythonStyleTracerOptions;

/**
 * The name npm `honeyhive` 1.x gave the options of `HoneyHiveTracer.init`.
 * @deprecated Use {@link HoneyHiveTracerInitOptions} (or `HoneyHiveTracerOptions`).
 */
export type HoneyHiveTracerProperties = HoneyHiveTracerInitOptions;
