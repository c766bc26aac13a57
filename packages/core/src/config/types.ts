import type { ErrorInfo } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';
import type { Sampler } from '@opentelemetry/sdk-trace-base';
import type { ExportProfileName, OtlpProtocol } from '@honeyhive/processing';

// OTLP encodings and batch-setting presets: processing owns both (its exporters and `EXPORT_PROFILES`).
export type { ExportProfileName, OtlpProtocol };

/** A span name to match: exact string or regular expression. */
export type SpanNamePattern = string | RegExp;

/** One Python SDK span-name filter: only the `prefix` form exists. */
export interface SpanNameFilter {
  type: 'prefix';
  value: string;
}

/** The Python SDK's `span_name_filters`: spans kept (`include`) and left out (`exclude`) by name prefix. */
export interface SpanNameFilters {
  include?: SpanNameFilter[];
  exclude?: SpanNameFilter[];
}

import type { MaskFunction } from '@honeyhive/utils';

export type { MaskFunction };

/** Called for every failure inside the tracer; see `ErrorPolicy` in `@honeyhive/integration`. */
export type OnErrorHook = (error: Error, info: ErrorInfo) => void;

/**
 * The session a tracer starts. May be given flat on the options or grouped under `session`; a flat field
 * wins over the same field in `session`.
 */
export interface SessionConfig {
  /** Session name. Env `HH_SESSION_NAME`. Default: the file name of the main script, else `'unknown'`. */
  sessionName?: string;
  /** Join this session instead of starting a new one: a UUID (stored lower-cased). Default: a new random UUID. */
  sessionId?: string;
  /** The session's inputs (sent with session start). */
  inputs?: Record<string, unknown>;
  /** The session's metadata. */
  metadata?: Record<string, unknown>;
  /** The session's user properties. */
  userProperties?: Record<string, unknown>;
}

/**
 * Evaluation (experiment) context stamped on every span. May be given flat on the options or grouped under
 * `evaluation`; a flat field wins.
 */
export interface EvaluationConfig {
  /** This tracer runs inside an evaluation. Default false. */
  isEvaluation?: boolean;
  /** The evaluation run id (`honeyhive_metadata.run_id`). */
  runId?: string;
  /** The dataset id (`honeyhive_metadata.dataset_id`). */
  datasetId?: string;
  /** The datapoint id (`honeyhive_metadata.datapoint_id`). */
  datapointId?: string;
}

/**
 * Every tracer setting. Precedence when resolving: a field passed directly to the constructor > the same
 * field in `config` > the environment variable > the default. Durations read from the environment are in
 * seconds (as in the Python SDK); durations passed in code are in milliseconds (`…Ms`).
 */
export interface TracerSettings extends SessionConfig, EvaluationConfig {
  /** HoneyHive API key. Env `HH_API_KEY`. Required to export to HoneyHive (not in `testMode` or with `otlpEndpoint`). Never logged. */
  apiKey?: string;
  /** HoneyHive API base URL, http(s) only, trailing `/` stripped. Env `HH_API_URL`. Default `https://api.dp1.us.honeyhive.ai`. */
  serverUrl?: string;
  /** Project name (the backend infers it from the key; sent on legacy routes). Env `HH_PROJECT`. Optional. */
  project?: string;
  /** Environment label of the session and spans. Env `HH_SOURCE`. Default `'dev'`. */
  source?: string;
  /** Explain what the tracer does (debug/info lines). Env `HH_VERBOSE`. Default false. */
  verbose?: boolean;
  /** No network at all: spans are kept in memory, sessions are local. Env `HH_TEST_MODE`. Default false. */
  testMode?: boolean;
  /** Export each span as it ends instead of in batches. Env `HH_DISABLE_BATCH`. Default false. */
  disableBatch?: boolean;
  /** Turn the tracer into a no-op. Env `HH_DISABLE_TRACING`. Default false. */
  disableTracing?: boolean;
  /**
   * Do not trace outgoing HTTP requests. Env `HH_DISABLE_HTTP_TRACING`. Default true. Tracing them (`false`) needs the
   * optional peer dependency `@opentelemetry/instrumentation-http` (`npm install @opentelemetry/instrumentation-http@^0.223.0`).
   */
  disableHttpTracing?: boolean;
  /**
   * The hosts of your own system that HTTP tracing sends the trace context to (`traceparent`, `tracestate`,
   * and `baggage` with this tracer's session, project, source and evaluation ids plus your baggage, never a
   * secret-looking key). A string is a hostname, `hostname:port`, `*.domain` (every subdomain) or a URL prefix;
   * a RegExp is tested against the hostname, `hostname:port` and the URL. Requests to other hosts are traced
   * but carry no context headers (third parties never see your baggage). Default: loopback hosts only
   * (`localhost`, 127.0.0.0/8, `::1`); `[]` for none. `inject()` is not limited: you choose where its headers go.
   */
  httpTracingPropagateTo?: Array<string | RegExp>;
  /** Export spans to this OTLP endpoint instead of HoneyHive's (full URL, e.g. `http://collector:4318/v1/traces`). Env `HH_OTLP_ENDPOINT`. */
  otlpEndpoint?: string;
  /** Extra headers for OTLP export. Env `HH_OTLP_HEADERS` (JSON object or `k1=v1,k2=v2`). Values are never logged. */
  otlpHeaders?: Record<string, string>;
  /** OTLP encoding. Env `HH_OTLP_PROTOCOL`, else `OTEL_EXPORTER_OTLP_PROTOCOL`. Default `'http/protobuf'`. */
  otlpProtocol?: OtlpProtocol;
  /** Spans per export request, 1–100000. Env `HH_BATCH_SIZE`. Default: from the export profile. */
  batchSize?: number;
  /**
   * Encoded bytes of one export request at most (estimated), 1024–1073741824. Env `HH_BATCH_MAX_BYTES`. Default 3 MiB.
   * A request the backend still refuses as too large is split; only a span too large alone is dropped (`too_large`).
   */
  maxExportBatchBytes?: number;
  /** Delay between batch exports in ms. Env `HH_FLUSH_INTERVAL` (seconds). Default: from the export profile. */
  flushIntervalMs?: number;
  /** Budget of one export in ms. Env `HH_EXPORT_TIMEOUT` (seconds). Default: from the export profile. */
  exportTimeoutMs?: number;
  /** Spans buffered before new ones are dropped (and counted). Default: from the export profile. */
  maxQueueSize?: number;
  /** Batch preset. Default: `serverless` on serverless platforms, else `long-running`. */
  exportProfile?: ExportProfileName;
  /**
   * Attribute-count limit per span for captured and enriched values; the keys the tracer stamps (session,
   * project, event type…) always fit on top. Env `HH_MAX_ATTRIBUTES`. Default 1024.
   */
  maxAttributes?: number;
  /** Events per span at most (OpenTelemetry's `eventCountLimit`); more are dropped by the SDK. Env `HH_MAX_EVENTS`. Default: the SDK's (128, or `OTEL_SPAN_EVENT_COUNT_LIMIT`). */
  maxEvents?: number;
  /** Links per span at most (OpenTelemetry's `linkCountLimit`). Env `HH_MAX_LINKS`. Default: the SDK's (128, or `OTEL_SPAN_LINK_COUNT_LIMIT`). */
  maxLinks?: number;
  /**
   * The largest span exported, in estimated encoded bytes; a larger span is not exported and is counted as dropped
   * (`too_large`). Env `HH_MAX_SPAN_SIZE`. Default: no limit of its own (a span too large for a request is dropped).
   */
  maxSpanSize?: number;
  /** Do not send the session-start request for the tracer's own session (the session is created elsewhere). Default false. */
  skipBackendSessionCreation?: boolean;
  /**
   * Export spans (default true). False: no span leaves the process (each is counted as failed, with the reason),
   * while the session and event API calls still work. Env `HH_OTLP_ENABLED`.
   */
  otlpEnabled?: boolean;
  /**
   * The Python SDK's span-name filters: `{ include?: [{ type: 'prefix', value }], exclude?: [...] }`; each prefix
   * becomes a RegExp added to `includeSpanNames` / `excludeSpanNames`.
   */
  spanNameFilters?: SpanNameFilters;
  /** Python SDK option, always in effect here: the keys the tracer stamps are kept above the attribute limit. `false` has no effect (said in verbose mode). */
  preserveCoreAttributes?: boolean;
  /** Python SDK option (a `requests.Session` for export); no equivalent here (export uses a shared keep-alive pool). Accepted, without effect. */
  requestsSession?: unknown;
  /** Python SDK option (a cache of its own lookups); nothing here to cache. Accepted, without effect. */
  cacheEnabled?: boolean;
  /** Python SDK option (a carrier to link the session to a parent trace). Accepted, without effect: continue a trace with `tracer.extract(carrier)` instead. */
  linkCarrier?: unknown;
  /** Timeout of each HoneyHive API request in ms. Env `HH_API_TIMEOUT` (seconds). Default 10000. */
  apiTimeoutMs?: number;
  /**
   * The longest process exit waits for pending spans, in ms: the `flushOnExit` flush when the event loop
   * empties, or the shutdown on a `flushOnSignals` signal. Exit does not wait at all when nothing is pending;
   * spans still undelivered when the time is up are counted as dropped (`process_exit`). 0 means exit at
   * once. Env `HH_EXIT_TIMEOUT` (seconds). Default 2000.
   */
  exitTimeoutMs?: number;
  /** Throw `HoneyHiveConfigError` on any configuration problem instead of degrading (for tests). Default false. */
  strict?: boolean;
  /** Register as the global OTel provider when none is registered. Default true. */
  registerGlobal?: boolean;
  /** Export only spans whose name matches one of these. Default: all. */
  includeSpanNames?: SpanNamePattern[];
  /** Never export spans whose name matches one of these. */
  excludeSpanNames?: SpanNamePattern[];
  /**
   * The share of sessions traced, from 0 to 1 (default 1: all). Decided per session from its id, so a session is
   * kept or dropped whole, the same way in every process; a continued trace follows its parent's sampled flag.
   */
  sampleRate?: number;
  /** An OpenTelemetry sampler that decides instead of `sampleRate` (its drops are counted in `stats().sampledOut`). */
  sampler?: Sampler;
  /** OpenTelemetry instrumentations to bind to this tracer's provider (bring your own instrumentor). Default none. */
  instrumentations?: readonly unknown[];
  /** npm honeyhive 1.x: modules to instrument manually (`{ openAI: OpenAI, … }`), mapped by the tracer. */
  instrumentModules?: Record<string, unknown>;
  /** Called for every internal failure (never throws into your code). */
  onError?: OnErrorHook;
  /** Where the tracer logs. Default: warnings and errors to the console; debug/info only when `verbose`. */
  logger?: Logger;
  /** Record traced functions' arguments. Default true. */
  captureInputs?: boolean;
  /** Record traced functions' return values. Default true. */
  captureOutputs?: boolean;
  /** Applied to each captured value before recording, at every depth (see `MaskFunction`). */
  mask?: MaskFunction;
  /**
   * Redact secrets in captured values (inputs, outputs, metadata, config, session fields, event payloads):
   * the value of a secret-looking key (api keys, authorization, passwords, secrets, tokens, cookies, private
   * keys… see `DEFAULT_SECRET_KEY_FRAGMENTS`) becomes `<redacted>` at every depth, and this tracer's API key
   * is replaced wherever it appears inside a captured string. Default true; false turns both off.
   */
  redactSecrets?: boolean;
  /**
   * More keys to redact, on top of the defaults: a string matches every key containing it, case and
   * separators ignored (`'ssn'` matches `user_ssn`); a RegExp is tested on the key as it is. Default none.
   */
  secretKeys?: Array<string | RegExp>;
  /** Record arguments as `honeyhive_inputs._params_.<name>` (npm honeyhive 1.x) instead of `honeyhive_inputs.<name>`. Default false. */
  legacyInputShape?: boolean;
  /** Session fields grouped; flat fields win. */
  session?: SessionConfig;
  /** Evaluation fields grouped; flat fields win. */
  evaluation?: EvaluationConfig;
}

/**
 * What `new HoneyHiveTracer(options)` accepts: every {@link TracerSettings} field directly, plus `config`, a
 * `TracerConfig` (or plain settings object) whose fields apply where no direct field is given. Python-style
 * snake_case names (`api_key`, `server_url`, …) are accepted and mapped, with a deprecation note.
 */
export interface TracerOptions extends TracerSettings {
  /** Settings below the direct fields and above the environment. */
  config?: TracerSettings;
}
