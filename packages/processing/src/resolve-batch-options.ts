import type { EnvProblem } from '@honeyhive/utils';
import { normalizeBatchOptions } from './batch-options';
import { EXPORT_PROFILES, isExportProfileName, type ExportProfileName } from './export-profiles';
import type { BatchOptions } from './types';

/**
 * Options of {@link resolveBatchOptions}; each given value wins over the profile's. The environment is not read
 * here: the tracer reads `HH_BATCH_SIZE`, `HH_FLUSH_INTERVAL`, … and passes the values in.
 */
export interface ResolveBatchOptionsInput {
  /** Spans per export request. */
  batchSize?: number;
  /** Delay before a partial batch leaves (ms). */
  flushIntervalMs?: number;
  /** Export budget per request (ms). */
  exportTimeoutMs?: number;
  /** Encoded bytes per export request at most; else 3 MiB. */
  maxExportBatchBytes?: number;
  /** Spans waiting at most. */
  maxQueueSize?: number;
  /** Export each span as it ends. Default false. */
  disableBatch?: boolean;
  /** The base settings: a profile name or explicit settings (default: `long-running`). */
  profile?: ExportProfileName | Partial<BatchOptions>;
}

/** What {@link resolveBatchOptions} decided. */
export interface ResolvedBatchOptions {
  /** The batch settings. */
  batch: BatchOptions;
  /** True when spans are exported one by one (`disableBatch`). */
  disableBatch: boolean;
  /** Settings that could not be used, naming the variable; never thrown. */
  problems: EnvProblem[];
}

function pick(explicit: number | undefined, option: string, min: number, problems: EnvProblem[]): number | undefined {
  if (explicit === undefined || explicit === null) return undefined;
  if (typeof explicit === 'number' && Number.isFinite(explicit) && explicit >= min) return explicit;
  problems.push({ variable: option, value: String(explicit), message: `${option}=${String(explicit)} must be a number >= ${min}; using the profile's value` });
  return undefined;
}

/**
 * Resolves the batch settings: the given options > the profile > `long-running`. A value that cannot be used
 * is reported in `problems` and the profile's is kept. Reads no environment. Never throws.
 */
export function resolveBatchOptions(input: ResolveBatchOptionsInput = {}): ResolvedBatchOptions {
  const problems: EnvProblem[] = [];
  const base: BatchOptions =
    typeof input.profile === 'object' && input.profile !== null
      ? normalizeBatchOptions(input.profile, EXPORT_PROFILES['long-running']).options
      : EXPORT_PROFILES[isExportProfileName(input.profile) ? input.profile : 'long-running'];
  if (input.profile !== undefined && typeof input.profile !== 'object' && !isExportProfileName(input.profile)) {
    problems.push({ variable: 'profile', value: String(input.profile), message: `profile '${String(input.profile)}' is unknown; use serverless, long-running or high-throughput (using long-running)` });
  }
  const partial: Partial<BatchOptions> = {};
  const batchSize = pick(input.batchSize, 'batchSize', 1, problems);
  const delay = pick(input.flushIntervalMs, 'flushIntervalMs', 0, problems);
  const timeout = pick(input.exportTimeoutMs, 'exportTimeoutMs', 1, problems);
  const batchBytes = pick(input.maxExportBatchBytes, 'maxExportBatchBytes', 1024, problems);
  if (batchSize !== undefined) partial.maxExportBatchSize = batchSize;
  if (batchBytes !== undefined) partial.maxExportBatchBytes = batchBytes;
  if (delay !== undefined) partial.scheduledDelayMillis = delay;
  if (timeout !== undefined) partial.exportTimeoutMillis = timeout;
  if (input.maxQueueSize !== undefined) partial.maxQueueSize = input.maxQueueSize;
  const normalized = normalizeBatchOptions(partial, base);
  problems.push(...normalized.problems);
  const disableBatch = input.disableBatch === true;
  return { batch: normalized.options, disableBatch, problems };
}
