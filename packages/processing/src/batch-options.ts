import type { EnvProblem } from '@honeyhive/utils';
import type { BatchOptions } from './types';

const LIMITS: Readonly<Record<keyof BatchOptions, { min: number; name: string }>> = {
  maxQueueSize: { min: 1, name: 'maxQueueSize' },
  maxExportBatchSize: { min: 1, name: 'maxExportBatchSize' },
  maxExportBatchBytes: { min: 1024, name: 'maxExportBatchBytes' },
  scheduledDelayMillis: { min: 0, name: 'scheduledDelayMillis' },
  exportTimeoutMillis: { min: 1, name: 'exportTimeoutMillis' },
};

/**
 * Completes `partial` from `base`, ignoring values that are not finite numbers at or above their
 * minimum (reported as problems), and keeps `maxExportBatchSize <= maxQueueSize`: a batch larger
 * than an unspecified queue grows the queue; one larger than an explicit queue is clamped.
 */
export function normalizeBatchOptions(
  partial: Partial<BatchOptions> | undefined,
  base: Readonly<BatchOptions>,
): { options: BatchOptions; problems: EnvProblem[] } {
  const options: BatchOptions = { ...base };
  const problems: EnvProblem[] = [];
  for (const key of Object.keys(LIMITS) as Array<keyof BatchOptions>) {
    const value = partial?.[key];
    if (value === undefined || value === null) continue;
    if (typeof value === 'number' && Number.isFinite(value) && value >= LIMITS[key].min) {
      options[key] = Math.floor(value);
    } else {
      problems.push({
        variable: key,
        value: String(value),
        message: `batch option ${key} must be a number >= ${LIMITS[key].min} (got ${String(value)}); using ${base[key] ?? 'the default'}`,
      });
    }
  }
  if (options.maxExportBatchSize > options.maxQueueSize) {
    if (partial?.maxQueueSize !== undefined && options.maxQueueSize === Math.floor(partial.maxQueueSize)) {
      problems.push({
        variable: 'maxExportBatchSize',
        value: String(options.maxExportBatchSize),
        message: `batch size ${options.maxExportBatchSize} exceeds the queue size ${options.maxQueueSize}; using ${options.maxQueueSize}`,
      });
      options.maxExportBatchSize = options.maxQueueSize;
    } else {
      options.maxQueueSize = options.maxExportBatchSize;
    }
  }
  return { options, problems };
}
