import { DEFAULT_EXIT_TIMEOUT_MS } from '@honeyhive/lifecycle';
import { defaultSessionName } from './default-session-name';
import { DEFAULT_API_TIMEOUT_MS, DEFAULT_MAX_ATTRIBUTES, DEFAULT_OTLP_PROTOCOL, DEFAULT_SERVER_URL, DEFAULT_SOURCE, HH_ENV, OTEL_ENV } from './defaults';
import { booleanVariable, checkedVariable, headersVariable, integerVariable, millisecondsVariable, otlpBaseEndpointVariable, textVariable } from './env-variables';
import { booleanOption, countOption, durationOption, secondsAlias, textOption } from './option-builders';
import { option } from './option-spec';
import { checkAnything, INERT_OPTION_REASONS } from './inert-options';
import { checkSpanNameFilters } from './span-name-filters';
import type { CheckedValueOf, ResolvedValueOf } from './option-spec';
import type { ExportProfileName, MaskFunction, OnErrorHook, OtlpProtocol, TracerSettings } from './types';
import {
  checkArray,
  checkHeaders,
  checkHttpUrl,
  checkLogger,
  checkObject,
  checkPatternList,
  checkSampler,
  checkString,
  checkUuid,
  describeBounds,
  functionCheck,
  numberCheck,
  oneOfCheck,
} from './value-checks';

const OTLP_PROTOCOLS: readonly OtlpProtocol[] = ['http/protobuf', 'http/json', 'grpc'];
const EXPORT_PROFILES: readonly ExportProfileName[] = ['serverless', 'long-running', 'high-throughput'];
const FROM_PROFILE = "the export profile's value";
const PATTERNS = 'an array of strings and RegExps';
const SAMPLE_RATE_BOUNDS = { min: 0, max: 1 };
const HEADERS_FORM = 'a JSON object of strings or k1=v1,k2=v2';
const otelTimeout = (name: string) => millisecondsVariable(name, 1, 600_000, 'a number of milliseconds from 1 to 600000', '10000');

/** The options besides the groupings `session`, `evaluation` and `config`. */
type OptionField = Exclude<keyof TracerSettings, 'session' | 'evaluation'>;

/**
 * Every tracer option, in the order of the configuration reference: its doc line, legacy aliases,
 * environment variables (in precedence order), check and limits, default and fallback. The option list,
 * the resolved config type, the alias map and docs/configuration.md are all derived from this table.
 * `satisfies` makes the compiler hold it to `TracerSettings`: no field missing, none extra.
 */
export const OPTION_TABLE = Object.freeze({
  apiKey: option({
    doc: 'HoneyHive API key. Required to export to HoneyHive (not in `testMode` or with `otlpEndpoint`). Never logged.',
    check: checkString,
    expected: 'your HoneyHive API key (a string)',
    aliases: ['api_key', 'bearerAuth'],
    env: [textVariable(HH_ENV.API_KEY)],
    fallback: 'no API key',
    secret: true,
  }),
  serverUrl: option({
    doc: 'HoneyHive API base URL, http(s) only, trailing `/` stripped. An invalid URL makes the tracer a no-op (degraded).',
    check: checkHttpUrl,
    expected: 'an http(s) URL',
    example: DEFAULT_SERVER_URL,
    aliases: ['server_url', 'serverURL'],
    env: [checkedVariable(HH_ENV.API_URL, checkHttpUrl)],
    defaultValue: () => DEFAULT_SERVER_URL,
    fallback: `the default ${DEFAULT_SERVER_URL}`,
    degradeOnInvalid: true,
  }),
  project: textOption('Project name (the backend infers it from the key; sent on legacy routes).', 'a project name', HH_ENV.PROJECT),
  source: option({
    doc: 'Environment label of the session and spans.',
    check: checkString,
    expected: 'an environment label such as dev or production',
    example: 'production',
    env: [textVariable(HH_ENV.SOURCE)],
    defaultValue: () => DEFAULT_SOURCE,
    fallback: `the default '${DEFAULT_SOURCE}'`,
  }),
  sessionName: option({
    doc: 'Session name.',
    check: checkString,
    expected: 'a session name',
    aliases: ['session_name'],
    env: [textVariable(HH_ENV.SESSION_NAME)],
    defaultValue: defaultSessionName,
    fallback: "the main script's file name",
    group: 'session',
  }),
  sessionId: option({
    doc: 'Join this session instead of starting a new one: a UUID (stored lower-cased).',
    check: checkUuid,
    expected: 'a UUID (or leave it out to start a new session)',
    example: '3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60',
    aliases: ['session_id'],
    fallback: 'a newly generated session id',
    group: 'session',
  }),
  inputs: option({ doc: "The session's inputs (sent with session start).", check: checkObject, expected: 'an object', fallback: 'no inputs', group: 'session' }),
  metadata: option({ doc: "The session's metadata.", check: checkObject, expected: 'an object', fallback: 'no metadata', group: 'session' }),
  userProperties: option({
    doc: "The session's user properties.",
    check: checkObject,
    expected: 'an object',
    aliases: ['user_properties'],
    fallback: 'no user properties',
    group: 'session',
  }),
  verbose: booleanOption('Explain what the tracer does (debug and info lines).', false, HH_ENV.VERBOSE),
  testMode: booleanOption('No network at all: spans are kept in memory, sessions are local.', false, HH_ENV.TEST_MODE, { aliases: ['test_mode'] }),
  disableBatch: booleanOption('Export each span as it ends instead of in batches.', false, HH_ENV.DISABLE_BATCH, { aliases: ['disable_batch'] }),
  disableTracing: booleanOption('Turn the tracer into a no-op.', false, HH_ENV.DISABLE_TRACING, {
    aliases: ['disable_tracing'],
    moreEnv: [booleanVariable(OTEL_ENV.SDK_DISABLED)],
  }),
  disableHttpTracing: booleanOption('Do not trace outgoing HTTP requests. Tracing them (`false`) needs the optional `@opentelemetry/instrumentation-http`.', true, HH_ENV.DISABLE_HTTP_TRACING, { aliases: ['disable_http_tracing'] }),
  httpTracingPropagateTo: option({
    doc: 'The hosts of your own system that HTTP tracing sends the trace context and baggage to (hostname, `hostname:port`, `*.domain`, URL prefix or RegExp); `[]` for none.',
    check: checkPatternList,
    expected: PATTERNS,
    fallback: 'loopback hosts only',
  }),
  otlpEndpoint: option({
    doc: "Export spans to this OTLP endpoint instead of HoneyHive's (full URL). An invalid URL makes the tracer a no-op (degraded).",
    check: checkHttpUrl,
    expected: 'an http(s) URL of an OTLP receiver',
    example: 'http://localhost:4318/v1/traces',
    aliases: ['otlp_endpoint'],
    env: [
      checkedVariable(HH_ENV.OTLP_ENDPOINT, checkHttpUrl),
      checkedVariable(OTEL_ENV.TRACES_ENDPOINT, checkHttpUrl),
      otlpBaseEndpointVariable(OTEL_ENV.ENDPOINT, checkHttpUrl),
    ],
    fallback: 'no export',
    degradeOnInvalid: true,
  }),
  otlpHeaders: option({
    doc: 'Extra headers for OTLP export. Values are never logged.',
    check: checkHeaders,
    expected: 'an object of header names to string values',
    aliases: ['otlp_headers'],
    env: [
      headersVariable(HH_ENV.OTLP_HEADERS, HEADERS_FORM, '{"x-team":"a"}'),
      headersVariable(OTEL_ENV.TRACES_HEADERS, HEADERS_FORM, 'x-team=a'),
      headersVariable(OTEL_ENV.HEADERS, HEADERS_FORM, 'x-team=a'),
    ],
    fallback: 'no extra headers',
    secret: true,
  }),
  otlpProtocol: option({
    doc: 'OTLP encoding. HoneyHive takes `http/protobuf` and `http/json`; `grpc` needs `otlpEndpoint` (a collector) and the optional `@grpc/grpc-js`.',
    check: oneOfCheck(OTLP_PROTOCOLS),
    expected: OTLP_PROTOCOLS.join(', ') + ' (one of)',
    example: DEFAULT_OTLP_PROTOCOL,
    aliases: ['otlp_protocol'],
    env: [
      checkedVariable(HH_ENV.OTLP_PROTOCOL, oneOfCheck(OTLP_PROTOCOLS)),
      checkedVariable(OTEL_ENV.TRACES_PROTOCOL, oneOfCheck(OTLP_PROTOCOLS)),
      checkedVariable(OTEL_ENV.PROTOCOL, oneOfCheck(OTLP_PROTOCOLS)),
    ],
    defaultValue: (): OtlpProtocol => DEFAULT_OTLP_PROTOCOL,
    fallback: `the default ${DEFAULT_OTLP_PROTOCOL}`,
  }),
  batchSize: countOption({
    doc: 'Spans per export request.',
    bounds: { min: 1, max: 100_000 },
    example: '512',
    fallback: FROM_PROFILE,
    variable: HH_ENV.BATCH_SIZE,
    moreEnv: [integerVariable(OTEL_ENV.BSP_MAX_EXPORT_BATCH_SIZE, 1, 100_000)],
    aliases: ['batch_size'],
  }),
  maxExportBatchBytes: countOption({
    doc: 'Encoded bytes of one export request at most (estimated). A request the backend still refuses as too large is split; only a span too large alone is dropped (`too_large`).',
    bounds: { min: 1024, max: 1_073_741_824 },
    example: '3145728',
    fallback: 'the default 3 MiB',
    variable: HH_ENV.BATCH_MAX_BYTES,
  }),
  flushIntervalMs: durationOption({
    doc: 'Delay between batch exports.',
    bounds: { greaterThan: 0, max: 3_600_000 },
    example: 1000,
    fallback: FROM_PROFILE,
    variable: HH_ENV.FLUSH_INTERVAL,
    moreEnv: [millisecondsVariable(OTEL_ENV.BSP_SCHEDULE_DELAY, 1, 3_600_000, 'a number of milliseconds from 1 to 3600000', '1000')],
    aliases: [secondsAlias('flush_interval')],
  }),
  exportTimeoutMs: durationOption({
    doc: 'Budget of one export, retries included.',
    bounds: { greaterThan: 0, max: 600_000 },
    example: 10_000,
    fallback: FROM_PROFILE,
    variable: HH_ENV.EXPORT_TIMEOUT,
    moreEnv: [otelTimeout(OTEL_ENV.TRACES_TIMEOUT), otelTimeout(OTEL_ENV.TIMEOUT), otelTimeout(OTEL_ENV.BSP_EXPORT_TIMEOUT)],
    aliases: [secondsAlias('export_timeout')],
  }),
  maxQueueSize: countOption({
    doc: 'Spans buffered before new ones are dropped (and counted).',
    bounds: { min: 1, max: 10_000_000 },
    example: '2048',
    fallback: FROM_PROFILE,
    moreEnv: [integerVariable(OTEL_ENV.BSP_MAX_QUEUE_SIZE, 1, 10_000_000)],
    aliases: ['max_queue_size'],
  }),
  exportProfile: option({
    doc: 'Batch preset: `serverless` on serverless platforms, else `long-running`; `high-throughput` for heavy loads.',
    check: oneOfCheck(EXPORT_PROFILES),
    expected: EXPORT_PROFILES.join(', ') + ' (one of)',
    example: 'long-running',
    aliases: ['export_profile'],
    fallback: 'the profile detected for this platform',
  }),
  maxAttributes: countOption({
    doc: 'Attribute-count limit per span for captured and enriched values; the keys the tracer stamps always fit on top.',
    bounds: { min: 1, max: 1_000_000 },
    example: '1024',
    fallback: `the default ${DEFAULT_MAX_ATTRIBUTES}`,
    variable: HH_ENV.MAX_ATTRIBUTES,
    defaultValue: DEFAULT_MAX_ATTRIBUTES,
    aliases: ['max_attributes'],
  }),
  maxEvents: countOption({
    doc: "Events per span at most (OpenTelemetry's `eventCountLimit`); the SDK drops the rest.",
    bounds: { min: 1, max: 1_000_000 },
    example: '1024',
    fallback: "the OpenTelemetry SDK's (128, or OTEL_SPAN_EVENT_COUNT_LIMIT)",
    variable: HH_ENV.MAX_EVENTS,
    aliases: ['max_events'],
  }),
  maxLinks: countOption({
    doc: "Links per span at most (OpenTelemetry's `linkCountLimit`); the SDK drops the rest.",
    bounds: { min: 1, max: 1_000_000 },
    example: '128',
    fallback: "the OpenTelemetry SDK's (128, or OTEL_SPAN_LINK_COUNT_LIMIT)",
    variable: HH_ENV.MAX_LINKS,
    aliases: ['max_links'],
  }),
  maxSpanSize: countOption({
    doc: 'The largest span exported, in estimated encoded bytes: a larger span is not exported and is counted as dropped (`too_large`).',
    bounds: { min: 1024, max: 1_073_741_824 },
    example: '10485760',
    fallback: 'no limit of its own (a span too large for an export request alone is dropped)',
    variable: HH_ENV.MAX_SPAN_SIZE,
    aliases: ['max_span_size'],
  }),
  preserveCoreAttributes: booleanOption(
    "Python SDK option, always in effect here: the tracer's own keys are kept above the attribute limit. `false` has no effect (said in verbose mode).",
    true,
    undefined,
    { aliases: ['preserve_core_attributes'] },
  ),
  apiTimeoutMs: durationOption({
    doc: 'Timeout of each HoneyHive API request (session start, events).',
    bounds: { greaterThan: 0, max: 600_000 },
    example: 10_000,
    fallback: `the default ${DEFAULT_API_TIMEOUT_MS} ms`,
    variable: HH_ENV.API_TIMEOUT,
    defaultValue: DEFAULT_API_TIMEOUT_MS,
    aliases: [secondsAlias('api_timeout')],
  }),
  exitTimeoutMs: durationOption({
    doc: 'The longest process exit waits for pending spans (flush on exit, shutdown on a signal); undelivered spans are counted as dropped (`process_exit`). 0 exits at once.',
    bounds: { min: 0, max: 600_000 },
    example: DEFAULT_EXIT_TIMEOUT_MS,
    fallback: `the default ${DEFAULT_EXIT_TIMEOUT_MS} ms`,
    variable: HH_ENV.EXIT_TIMEOUT,
    defaultValue: DEFAULT_EXIT_TIMEOUT_MS,
  }),
  skipBackendSessionCreation: booleanOption(
    "Do not send the session-start request for the tracer's own session (it is created elsewhere, e.g. by another process); spans still carry its id.",
    false,
    undefined,
    { aliases: ['skip_backend_session_creation'] },
  ),
  otlpEnabled: booleanOption(
    'Export spans. `false`: no span leaves the process (each is counted as failed, with the reason) while session and event calls still work.',
    true,
    HH_ENV.OTLP_ENABLED,
    { aliases: ['otlp_enabled'] },
  ),
  strict: booleanOption('Throw `HoneyHiveConfigError` on any configuration problem instead of degrading (for tests).', false),
  registerGlobal: booleanOption('Register as the global OpenTelemetry provider when none is registered (a later tracer takes it over at shutdown).', true, undefined, { aliases: ['register_global'] }),
  includeSpanNames: option({
    doc: 'Export only spans whose name matches one of these (exact string or RegExp).',
    check: checkPatternList,
    expected: PATTERNS,
    aliases: ['include_span_names'],
    fallback: 'all span names',
  }),
  excludeSpanNames: option({
    doc: 'Never export spans whose name matches one of these.',
    check: checkPatternList,
    expected: PATTERNS,
    aliases: ['exclude_span_names'],
    fallback: 'no exclusions',
  }),
  spanNameFilters: option({
    doc: "The Python SDK's span-name filters, `{ include?: [{ type: 'prefix', value }], exclude?: [...] }`: each prefix is added to `includeSpanNames` / `excludeSpanNames`.",
    check: checkSpanNameFilters,
    expected: "an object { include?, exclude? } of { type: 'prefix', value: string } entries",
    aliases: ['span_name_filters'],
    fallback: 'no prefix filters',
  }),
  sampleRate: option({
    doc: 'The share of sessions traced, 0 to 1. Decided per session from its id (SHA-256), so a session is kept or dropped whole and the same way in every process; a continued trace follows its incoming sampled flag. Spans sampled out are counted in `stats().sampledOut`. Wins over `OTEL_TRACES_SAMPLER`. See docs/sampling.md.',
    check: numberCheck(SAMPLE_RATE_BOUNDS),
    expected: describeBounds(SAMPLE_RATE_BOUNDS),
    example: '0.25',
    env: [checkedVariable(HH_ENV.SAMPLE_RATE, numberCheck(SAMPLE_RATE_BOUNDS))],
    fallback: 'every session (or `OTEL_TRACES_SAMPLER` when set)',
  }),
  sampler: option({
    doc: 'An OpenTelemetry `Sampler` that decides instead of `sampleRate` and `OTEL_TRACES_SAMPLER`; the spans it drops are counted in `stats().sampledOut`.',
    check: checkSampler,
    expected: 'an OpenTelemetry Sampler (an object with a shouldSample function)',
    fallback: 'the session sampler of `sampleRate`',
  }),
  instrumentations: option({
    doc: "OpenTelemetry instrumentations to bind to this tracer's provider (bring your own instrumentor).",
    check: checkArray,
    expected: 'an array of instrumentations',
    aliases: ['instrumentors'],
    defaultValue: () => [],
    fallback: 'no instrumentations',
  }),
  instrumentModules: option({
    doc: 'npm honeyhive 1.x: modules to instrument manually (`{ openAI: OpenAI, … }`).',
    check: checkObject,
    expected: 'an object of modules, e.g. { openAI: OpenAI }',
    aliases: ['instrument_modules'],
    fallback: 'no modules',
  }),
  onError: option({
    doc: 'Called for every internal failure (never throws into your code).',
    check: functionCheck<OnErrorHook>(),
    expected: 'a function (error, info) => void',
    aliases: ['on_error'],
    fallback: 'no hook',
  }),
  logger: option({
    doc: 'Where the tracer logs: warnings and errors to the console by default; debug and info only when `verbose`.',
    check: checkLogger,
    expected: 'an object with debug, info, warn and error functions (e.g. console)',
    fallback: 'the default logger',
  }),
  captureInputs: booleanOption("Record traced functions' arguments.", true, undefined, { aliases: ['capture_inputs'] }),
  captureOutputs: booleanOption("Record traced functions' return values.", true, undefined, { aliases: ['capture_outputs'] }),
  mask: option({
    doc: 'Applied to each captured value before recording, at every depth.',
    check: functionCheck<MaskFunction>(),
    expected: 'a function (key, value) => value',
    fallback: 'no masking',
  }),
  redactSecrets: booleanOption(
    "Redact secret-looking keys (api keys, authorization, passwords, tokens…) in captured values, and this tracer's API key wherever it appears.",
    true,
  ),
  secretKeys: option({
    doc: 'More keys to redact: a string matches every key containing it (case and separators ignored); a RegExp is tested on the key.',
    check: checkPatternList,
    expected: PATTERNS,
    defaultValue: () => [],
    fallback: 'the default secret keys only',
  }),
  requestsSession: option({ doc: INERT_OPTION_REASONS.requestsSession + '.', check: checkAnything, expected: 'anything (ignored)', aliases: ['requests_session'], fallback: 'nothing' }),
  cacheEnabled: option({ doc: INERT_OPTION_REASONS.cacheEnabled + '.', check: checkAnything, expected: 'anything (ignored)', aliases: ['cache_enabled'], fallback: 'nothing' }),
  linkCarrier: option({ doc: INERT_OPTION_REASONS.linkCarrier + '.', check: checkAnything, expected: 'anything (ignored)', aliases: ['link_carrier'], fallback: 'nothing' }),
  legacyInputShape: booleanOption(
    'Record arguments as `honeyhive_inputs._params_.<name>` (npm honeyhive 1.x) instead of `honeyhive_inputs.<name>`.',
    false,
    undefined,
    { aliases: ['legacy_input_shape'] },
  ),
  isEvaluation: booleanOption(
    'This tracer runs inside an evaluation. Not set, it is true when `runId`, `datasetId` and `datapointId` are all set (as the Python SDK infers).',
    false,
    undefined,
    { aliases: ['is_evaluation'], group: 'evaluation' },
  ),
  runId: textOption('The evaluation run id (`honeyhive_metadata.run_id`).', 'a run id string', undefined, { aliases: ['run_id'], group: 'evaluation' }),
  datasetId: textOption('The dataset id (`honeyhive_metadata.dataset_id`).', 'a dataset id string', undefined, { aliases: ['dataset_id'], group: 'evaluation' }),
  datapointId: textOption('The datapoint id (`honeyhive_metadata.datapoint_id`).', 'a datapoint id string', undefined, {
    aliases: ['datapoint_id'],
    group: 'evaluation',
  }),
} satisfies { readonly [K in OptionField]: unknown });

/** The shape of {@link OPTION_TABLE}. */
export type OptionTable = typeof OPTION_TABLE;

/** A resolvable option's name. */
export type OptionName = keyof OptionTable;

/** Every option's resolved value: its checked type, `| undefined` when it has no default. */
export type ResolvedOptions = { readonly [K in OptionName]: ResolvedValueOf<OptionTable[K]> };

/** The option names, in table order. */
export const OPTION_NAMES: readonly OptionName[] = Object.freeze(Object.keys(OPTION_TABLE) as OptionName[]);

// Compile-time: whatever `TracerSettings` accepts for an option, the option's check can produce (so the
// resolved type covers the documented one). A mismatch names the option here.
type Misfit = { [K in OptionName]: NonNullable<TracerSettings[K]> extends CheckedValueOf<OptionTable[K]> ? never : K }[OptionName];
const everySettingFitsItsOption: [Misfit] extends [never] ? true : Misfit = true;
void everySettingFitsItsOption;
