// Public API of @honeyhive/processing.
export { HoneyHiveSpanProcessor } from './span-processor';
export type { HoneyHiveSpanProcessorOptions } from './span-processor';
export type { SpanStamp, BatchOptions, ProcessorStats, DroppedCounts } from './types';
export type { SpanNamePattern } from './span-name-filter';

export { BoundedBatchProcessor } from './bounded-batch-processor';
export { SimpleExportProcessor, IMMEDIATE_MAX_IN_FLIGHT } from './simple-export-processor';
export type { SimpleExportOptions } from './simple-export-processor';
export type { CountingExportProcessor, ExportCounts, ExportEvents } from './counting-export-processor';

export { createOtlpExporter, DEFAULT_EXPORT_TIMEOUT_MS } from './exporter-factory';
export type { OtlpExporterOptions, CreatedOtlpExporter } from './exporter-factory';
export { DEFAULT_SERVER_URL, DEFAULT_OTLP_PROTOCOL, OTLP_TRACES_PATH, isOtlpProtocol } from './otlp-endpoint';
export type { OtlpProtocol } from './otlp-endpoint';
export { resolveBatchOptions } from './resolve-batch-options';
export type { ResolveBatchOptionsInput, ResolvedBatchOptions } from './resolve-batch-options';

export { EXPORT_PROFILES, selectExportProfile, isExportProfileName } from './export-profiles';
export type { ExportProfileName, SelectedExportProfile } from './export-profiles';

export { RetryingExporter } from './retrying-exporter';
export { FailingExporter } from './failing-exporter';
export { DeferredExporter } from './deferred-exporter';
export type { RetryingExporterOptions } from './retrying-exporter';
export { classifyExportError, isTooLargeError } from './retry-policy';
// moved to @honeyhive/utils; still exported here for plugins written against earlier versions
export { parseRetryAfter, backoffDelay, DEFAULT_BACKOFF } from '@honeyhive/utils';
export type { BackoffOptions } from '@honeyhive/utils';
export { DEFAULT_MAX_EXPORT_BATCH_BYTES } from './span-size';
export type { RetryDecision } from './retry-policy';

export { ConnectionPool, defaultConnectionPool } from './connection-pool';
export type { ConnectionPoolOptions, PooledAgentFactory, GrpcChannelCredentials } from './connection-pool';
export { GrpcTransportMissingError, grpcTransportMissing, GRPC_TRANSPORT_PACKAGE, isModuleNotFound } from './grpc-transport';

export { apiKeyAllowedFor, isLoopbackHost, sendsInClear } from './credential-scope';
export { injectContext, extractContext } from './propagation';
export type { ExtractedContext, HeaderCarrier, InjectOptions, InjectResult } from './propagation';
export type { BaggageDrops } from './baggage-codec';
export { keepRandomTraceFlag, RANDOM_TRACE_FLAG } from './random-trace-flag';
export { SessionRatioSampler, CountingSampler, keepsSession, sessionHash } from './session-sampler';
export type { SessionRatioSamplerOptions } from './session-sampler';
