import { parseBooleanEnv, parseNumberEnv, type EnvProblem, type EnvSource } from '@honeyhive/utils';
import { normalizeBatchOptions } from './batch-options';
import { EXPORT_PROFILES, isExportProfileName, type ExportProfileName } from './export-profiles';
import type { BatchOptions } from './types';

/** Options of {@link resolveBatchOptions}; explicit values win over the environment. */
export interface ResolveBatchOptionsInput {
  /** Spans per export request; else `HH_BATCH_SIZE`. */
  batchSize?: number;
  /** Delay before a partial batch leaves (ms); else `HH_FLUSH_INTERVAL` (seconds, as in the Python SDK). */
  flushIntervalMs?: number;
  /** Export budget per request (ms); else `HH_EXPORT_TIMEOUT` (seconds, as in the Python SDK). */
  exportTimeoutMs?: number;
  /** Encoded bytes per export request at most; else `HH_BATCH_MAX_BYTES`, else 3 MiB. */
  maxExportBatchBytes?: number;
  /** Spans waiting at most. */
  maxQueueSize?: number;
  /** Export each span as it ends; else `HH_DISABLE_BATCH`. */
  disableBatch?: boolean;
  /** The base settings: a profile name or explicit settings (default: `long-running`). */
  profile?: ExportProfileName | Partial<BatchOptions>;
  /** Environment to read (default `process.env`). */
  env?: EnvSource;
}

/** What {@link resolveBatchOptions} decided. */
export interface ResolvedBatchOptions {
  /** The batch settings. */
  batch: BatchOptions;
  /** True when spans are exported one by one (`disableBatch` / `HH_DISABLE_BATCH`). */
  disableBatch: boolean;
  /** Settings that could not be used, naming the variable; never thrown. */
  problems: EnvProblem[];
}

function pick(
  explicit: number | undefined,
  option: string,
  variable: string,
  limits: { min: number; integer?: boolean; envUnitMs?: number },
  env: EnvSource,
  problems: EnvProblem[],
): number | undefined {
  // Durations in the environment are seconds (the Python SDK's unit); options are milliseconds.
  const unit = limits.envUnitMs ?? 1;
  if (explicit !== undefined && explicit !== null) {
    if (typeof explicit === 'number' && Number.isFinite(explicit) && explicit >= limits.min) return explicit;
    problems.push({ variable: option, value: String(explicit), message: `${option}=${String(explicit)} must be a number >= ${limits.min}; using ${variable} or the profile` });
  }
  const fromEnv = parseNumberEnv(variable, { min: limits.min / unit, max: 10_000_000 / unit, integer: limits.integer ?? false }, env);
  if (fromEnv.problem) problems.push(unit === 1 ? fromEnv.problem : { ...fromEnv.problem, message: `${fromEnv.problem.message} (in seconds)` });
  return fromEnv.value === undefined ? undefined : Math.round(fromEnv.value * unit);
}

/**
 * Resolves the batch settings: explicit options > `HH_BATCH_SIZE` / `HH_BATCH_MAX_BYTES` /
 * `HH_FLUSH_INTERVAL` / `HH_EXPORT_TIMEOUT` / `HH_DISABLE_BATCH` > the profile > `long-running`. Never throws.
 */
export function resolveBatchOptions(input: ResolveBatchOptionsInput = {}): ResolvedBatchOptions {
  const env = input.env ?? process.env;
  const problems: EnvProblem[] = [];
  const base: BatchOptions =
    typeof input.profile === 'object' && input.profile !== null
      ? normalizeBatchOptions(input.profile, EXPORT_PROFILES['long-running']).options
      : EXPORT_PROFILES[isExportProfileName(input.profile) ? input.profile : 'long-running'];
  if (input.profile !== undefined && typeof input.profile !== 'object' && !isExportProfileName(input.profile)) {
    problems.push({ variable: 'profile', value: String(input.profile), message: `profile '${String(input.profile)}' is unknown; use serverless, long-running or high-throughput (using long-running)` });
  }
  const partial: Partial<BatchOptions> = {};
  const batchSize = pick(input.batchSize, 'batchSize', 'HH_BATCH_SIZE', { min: 1, integer: true }, env, problems);
  const delay = pick(input.flushIntervalMs, 'flushIntervalMs', 'HH_FLUSH_INTERVAL', { min: 0, envUnitMs: 1000 }, env, problems);
  const timeout = pick(input.exportTimeoutMs, 'exportTimeoutMs', 'HH_EXPORT_TIMEOUT', { min: 1, envUnitMs: 1000 }, env, problems);
  const batchBytes = pick(input.maxExportBatchBytes, 'maxExportBatchBytes', 'HH_BATCH_MAX_BYTES', { min: 1024, integer: true }, env, problems);
  if (batchSize !== undefined) partial.maxExportBatchSize = batchSize;
  if (batchBytes !== undefined) partial.maxExportBatchBytes = batchBytes;
  if (delay !== undefined) partial.scheduledDelayMillis = delay;
  if (timeout !== undefined) partial.exportTimeoutMillis = timeout;
  if (input.maxQueueSize !== undefined) partial.maxQueueSize = input.maxQueueSize;
  const normalized = normalizeBatchOptions(partial, base);
  problems.push(...normalized.problems);

  let disableBatch = false;
  if (typeof input.disableBatch === 'boolean') disableBatch = input.disableBatch;
  else {
    const fromEnv = parseBooleanEnv('HH_DISABLE_BATCH', env);
    if (fromEnv.problem) problems.push(fromEnv.problem);
    disableBatch = fromEnv.value ?? false;
  }
  return { batch: normalized.options, disableBatch, problems };
}
