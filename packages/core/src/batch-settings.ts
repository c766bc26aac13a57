import { detectServerless } from '@honeyhive/infra';
import type { DetectedEnvironment } from '@honeyhive/infra';
import { resolveBatchOptions, selectExportProfile } from '@honeyhive/processing';
import type { ResolvedBatchOptions } from '@honeyhive/processing';
import type { ResolvedTracerConfig } from './config/resolved-config';

/**
 * A tracer's batch settings: the configured values (options, `HH_BATCH_SIZE`, `HH_FLUSH_INTERVAL`, … read by the
 * configuration) over its export profile (`exportProfile`, else the one for the detected platform: serverless or
 * not, from environment variables only).
 */
export function tracerBatchSettings(config: ResolvedTracerConfig, environment: Pick<DetectedEnvironment, 'serverless'> = { serverless: detectServerless() }): ResolvedBatchOptions {
  return resolveBatchOptions({
    batchSize: config.batchSize,
    maxExportBatchBytes: config.maxExportBatchBytes,
    flushIntervalMs: config.flushIntervalMs,
    exportTimeoutMs: config.exportTimeoutMs,
    maxQueueSize: config.maxQueueSize,
    disableBatch: config.disableBatch,
    profile: config.exportProfile ?? selectExportProfile(environment).name,
  });
}
