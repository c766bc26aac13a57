import { DEFAULT_OTLP_PROTOCOL, DEFAULT_SERVER_URL } from '@honeyhive/processing';

/**
 * The HoneyHive API used when neither `serverUrl` nor `HH_API_URL` is set, and the OTLP encoding used when no
 * protocol is configured: one constant each, processing's (the exporter's own defaults).
 */
export { DEFAULT_OTLP_PROTOCOL, DEFAULT_SERVER_URL };

/** The session source (environment label) used when neither `source` nor `HH_SOURCE` is set. */
export const DEFAULT_SOURCE = 'dev';

/** The attribute-count limit per span used when neither `maxAttributes` nor `HH_MAX_ATTRIBUTES` is set. */
export const DEFAULT_MAX_ATTRIBUTES = 1024;

/**
 * Room on every span, beyond `maxAttributes`, for keys set alongside captured values (event name,
 * enrichment added later). The keys the tracer itself stamps (session, project, source, their traceloop
 * twins, evaluation ids, event type) and the error and duration keys do not depend on it: they are set on
 * top of the limit (`setOwnAttribute`), so a span whose attributes fill the limit never loses them.
 */
export const TRACER_ATTRIBUTE_ROOM = 64;

/** Timeout of each HoneyHive API request (session start, enrichment) when neither `apiTimeoutMs` nor `HH_API_TIMEOUT` is set. */
export const DEFAULT_API_TIMEOUT_MS = 10_000;

/** The environment variables the tracer reads (docs/wire-contract.md). Durations in the environment are in seconds, as in the Python SDK. */
export const HH_ENV = Object.freeze({
  API_KEY: 'HH_API_KEY',
  API_URL: 'HH_API_URL',
  PROJECT: 'HH_PROJECT',
  SOURCE: 'HH_SOURCE',
  SESSION_NAME: 'HH_SESSION_NAME',
  VERBOSE: 'HH_VERBOSE',
  TEST_MODE: 'HH_TEST_MODE',
  DISABLE_BATCH: 'HH_DISABLE_BATCH',
  DISABLE_TRACING: 'HH_DISABLE_TRACING',
  DISABLE_HTTP_TRACING: 'HH_DISABLE_HTTP_TRACING',
  OTLP_ENDPOINT: 'HH_OTLP_ENDPOINT',
  OTLP_HEADERS: 'HH_OTLP_HEADERS',
  OTLP_PROTOCOL: 'HH_OTLP_PROTOCOL',
  BATCH_SIZE: 'HH_BATCH_SIZE',
  BATCH_MAX_BYTES: 'HH_BATCH_MAX_BYTES',
  FLUSH_INTERVAL: 'HH_FLUSH_INTERVAL',
  EXPORT_TIMEOUT: 'HH_EXPORT_TIMEOUT',
  MAX_ATTRIBUTES: 'HH_MAX_ATTRIBUTES',
  MAX_EVENTS: 'HH_MAX_EVENTS',
  MAX_LINKS: 'HH_MAX_LINKS',
  MAX_SPAN_SIZE: 'HH_MAX_SPAN_SIZE',
  OTLP_ENABLED: 'HH_OTLP_ENABLED',
  API_TIMEOUT: 'HH_API_TIMEOUT',
  EXIT_TIMEOUT: 'HH_EXIT_TIMEOUT',
  SAMPLE_RATE: 'HH_SAMPLE_RATE',
} as const);

/**
 * The OpenTelemetry SDK variables the tracer honours (OTLP exporter, batch span processor, SDK switch), below the
 * matching `HH_*` variable. Their durations are milliseconds, as the OpenTelemetry specification says.
 */
export const OTEL_ENV = Object.freeze({
  ENDPOINT: 'OTEL_EXPORTER_OTLP_ENDPOINT',
  TRACES_ENDPOINT: 'OTEL_EXPORTER_OTLP_TRACES_ENDPOINT',
  PROTOCOL: 'OTEL_EXPORTER_OTLP_PROTOCOL',
  TRACES_PROTOCOL: 'OTEL_EXPORTER_OTLP_TRACES_PROTOCOL',
  HEADERS: 'OTEL_EXPORTER_OTLP_HEADERS',
  TRACES_HEADERS: 'OTEL_EXPORTER_OTLP_TRACES_HEADERS',
  TIMEOUT: 'OTEL_EXPORTER_OTLP_TIMEOUT',
  TRACES_TIMEOUT: 'OTEL_EXPORTER_OTLP_TRACES_TIMEOUT',
  BSP_SCHEDULE_DELAY: 'OTEL_BSP_SCHEDULE_DELAY',
  BSP_EXPORT_TIMEOUT: 'OTEL_BSP_EXPORT_TIMEOUT',
  BSP_MAX_QUEUE_SIZE: 'OTEL_BSP_MAX_QUEUE_SIZE',
  BSP_MAX_EXPORT_BATCH_SIZE: 'OTEL_BSP_MAX_EXPORT_BATCH_SIZE',
  SDK_DISABLED: 'OTEL_SDK_DISABLED',
} as const);
