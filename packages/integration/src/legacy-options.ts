/** One legacy option name that was translated. */
export interface LegacyOptionRename {
  /** The name the caller used, e.g. `api_key`. */
  from: string;
  /** The current name, e.g. `apiKey`. */
  to: string;
  /** Set when the value was converted too, e.g. seconds to milliseconds. */
  note?: string;
}

/** The result of {@link mapLegacyOptions}. */
export interface LegacyOptionsResult {
  /** A new object: current names only; the input is not changed. */
  options: Record<string, unknown>;
  /** Legacy names that were translated (worth a deprecation note in verbose mode). */
  deprecations: LegacyOptionRename[];
  /** Legacy names ignored because the current name (or an earlier legacy name) was also given; the current name wins. */
  conflicts: LegacyOptionRename[];
}

type Convert = (value: unknown) => unknown;

const SECONDS_TO_MS_NOTE = 'seconds converted to milliseconds';

// Seconds (Python's unit) to milliseconds (ours). A value that is not a number is passed on unchanged so
// that validation reports it under the new name.
const secondsToMs: Convert = (value) => {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof seconds === 'number' && Number.isFinite(seconds) ? seconds * 1000 : value;
};

interface LegacyName {
  to: string;
  convert?: Convert;
  note?: string;
}

/**
 * Names of the Python SDK (`honeyhive` 1.x, snake_case) and of the npm `honeyhive` 1.x client, mapped to
 * our option names. npm 1.x tracer options (`apiKey`, `serverUrl`, `sessionName`, `isEvaluation`, `runId`,
 * `instrumentModules`, …) already use our names and pass through unchanged.
 */
const LEGACY_NAMES: Readonly<Record<string, LegacyName>> = Object.freeze({
  api_key: { to: 'apiKey' },
  server_url: { to: 'serverUrl' },
  session_name: { to: 'sessionName' },
  session_id: { to: 'sessionId' },
  user_properties: { to: 'userProperties' },
  test_mode: { to: 'testMode' },
  disable_batch: { to: 'disableBatch' },
  disable_tracing: { to: 'disableTracing' },
  disable_http_tracing: { to: 'disableHttpTracing' },
  is_evaluation: { to: 'isEvaluation' },
  run_id: { to: 'runId' },
  dataset_id: { to: 'datasetId' },
  datapoint_id: { to: 'datapointId' },
  otlp_endpoint: { to: 'otlpEndpoint' },
  otlp_headers: { to: 'otlpHeaders' },
  otlp_protocol: { to: 'otlpProtocol' },
  batch_size: { to: 'batchSize' },
  max_queue_size: { to: 'maxQueueSize' },
  flush_interval: { to: 'flushIntervalMs', convert: secondsToMs, note: SECONDS_TO_MS_NOTE },
  export_timeout: { to: 'exportTimeoutMs', convert: secondsToMs, note: SECONDS_TO_MS_NOTE },
  api_timeout: { to: 'apiTimeoutMs', convert: secondsToMs, note: SECONDS_TO_MS_NOTE },
  max_attributes: { to: 'maxAttributes' },
  instrument_modules: { to: 'instrumentModules' },
  export_profile: { to: 'exportProfile' },
  register_global: { to: 'registerGlobal' },
  include_span_names: { to: 'includeSpanNames' },
  exclude_span_names: { to: 'excludeSpanNames' },
  capture_inputs: { to: 'captureInputs' },
  capture_outputs: { to: 'captureOutputs' },
  legacy_input_shape: { to: 'legacyInputShape' },
  on_error: { to: 'onError' },
  // Python's grouped configs (`session_config=SessionConfig(...)`, `evaluation_config=...`).
  session_config: { to: 'session' },
  evaluation_config: { to: 'evaluation' },
  // Python's bring-your-own-instrumentor list.
  instrumentors: { to: 'instrumentations' },
  // Constructor options of the npm honeyhive 1.x API client (`new HoneyHive({ bearerAuth, serverURL })`).
  bearerAuth: { to: 'apiKey' },
  serverURL: { to: 'serverUrl' },
});

/** The legacy names {@link mapLegacyOptions} understands, with their current names. */
export const LEGACY_OPTION_NAMES: Readonly<Record<string, string>> = Object.freeze(
  Object.fromEntries(Object.entries(LEGACY_NAMES).map(([from, { to }]) => [from, to])),
);

/**
 * Translates legacy option names (Python snake_case such as `api_key`, `server_url`, `flush_interval` in
 * seconds; npm 1.x client names such as `serverURL`) to the current camelCase names. When both a legacy and
 * the current name are given, the current name wins and the legacy one is listed in `conflicts`. A legacy
 * key whose value is `undefined` is dropped. Pure: the input is not changed.
 */
export function mapLegacyOptions(options: Record<string, unknown>): LegacyOptionsResult {
  const out: Record<string, unknown> = {};
  const deprecations: LegacyOptionRename[] = [];
  const conflicts: LegacyOptionRename[] = [];
  if (options === null || typeof options !== 'object') return { options: out, deprecations, conflicts };
  const keys = Object.keys(options);
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(LEGACY_NAMES, key)) out[key] = options[key];
  }
  for (const key of keys) {
    if (!Object.prototype.hasOwnProperty.call(LEGACY_NAMES, key)) continue;
    const { to, convert, note } = LEGACY_NAMES[key] as LegacyName;
    const rename: LegacyOptionRename = note === undefined ? { from: key, to } : { from: key, to, note };
    const value = options[key];
    if (value === undefined) continue;
    if (out[to] !== undefined) {
      conflicts.push(rename);
      continue;
    }
    out[to] = convert === undefined ? value : convert(value);
    deprecations.push(rename);
  }
  return { options: out, deprecations, conflicts };
}
