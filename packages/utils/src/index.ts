// Public API of @honeyhive/utils (layer 0): node builtins and @opentelemetry/api types only.
export { EVENT_TYPES, SPAN_EVENT_TYPES, isEventType, isSpanEventType, detectEventType, inferEventType } from './event-types';
export type { EventType, SpanEventType } from './event-types';
export { ATTR, ATTR_PREFIX, OUTPUT_RESULT_KEY, traceloopTwin } from './attribute-keys';
export { internalizedKey } from './internalize';
export {
  flattenAttributes,
  toAttributeValue,
  DEFAULT_FLATTEN_LIMITS,
  READS_PER_ATTRIBUTE,
  CIRCULAR_MARKER,
  MAX_DEPTH_MARKER,
  PROXY_MARKER,
  GETTER_MARKER,
} from './flatten';
export type { FlattenOptions, FlattenResult, ToAttributeValueOptions } from './flatten';
export { captureForJson } from './captured-value';
export type { CaptureForJsonOptions, CapturedJson } from './captured-value';
export {
  SecretRedaction,
  isDefaultSecretKey,
  DEFAULT_SECRET_KEY_FRAGMENTS,
  DEFAULT_SECRET_KEY_ENDINGS,
} from './secret-redaction';
export type { SecretRedactionOptions } from './secret-redaction';
export type { CaptureRules } from './capture-rules';
export { safeCall, safeCallAsync, toError, errorMessage } from './safe-call';
export { backoffDelay, parseRetryAfter, DEFAULT_BACKOFF } from './backoff';
export type { BackoffOptions } from './backoff';
export { RateLimitedLog, RateLimiter } from './rate-limited-log';
export type { LogLevel } from './rate-limited-log';
export { isThenable } from './thenable';
export { followSettlement } from './settlement';
export type { SettlementObserver, FollowOptions } from './settlement';
export { whenCollected } from './collected';
export { processWide } from './process-wide';
export type { ProcessWide } from './process-wide';
export { InstanceHooks } from './instance-hooks';
export {
  parseBoolean,
  parseBooleanEnv,
  parseNumberEnv,
  parseStringEnv,
  parseHeadersEnv,
  firstDefinedEnv,
  isSecretEnvName,
  REDACTED,
} from './env';
export type { EnvSource, EnvProblem, EnvResult, NumberEnvOptions } from './env';
export { generateSessionId, isValidSessionId, isUuidV4, normalizeSessionId } from './session-id';
export {
  BAGGAGE_KEYS,
  RESERVED_BAGGAGE_KEYS,
  BAGGAGE_KEY_ALIASES,
  canonicalBaggageKey,
  isSecretLikeKey,
} from './propagation-keys';
export type { BaggageKey } from './propagation-keys';
export {
  readGitMetadata,
  clearGitMetadataCache,
  sanitizeRemoteUrl,
  commitLinkFor,
  DEFAULT_GIT_TIMEOUT_MS,
} from './git';
export type { GitMetadata, ReadGitMetadataOptions } from './git';
export { createLogger, silentLogger, DEFAULT_LOG_PREFIX } from './logger';
export type { Logger, LoggerOptions, LogSink } from './logger';
export {
  enrichmentAttributes,
  enrichmentAttributesOf,
  errorAttributes,
  capturedErrorMessage,
  capturedException,
  inputPrefix,
  outputAttributes,
  recordEntries,
  recordEntriesToSink,
  recordOutputToSink,
  recordEnrichmentToSink,
  LEGACY_PARAMS_SEGMENT,
} from './captured-attributes';
export type { CapturedException, EnrichmentFields, EnrichmentOptions, MaskFunction } from './captured-attributes';
export type { EventUpdateFields, EnrichSessionFields } from './event-update-fields';
export type { AttributeSink } from './flatten';
export { setOwnAttribute } from './own-attribute';
export type { OwnAttributeTarget } from './own-attribute';
