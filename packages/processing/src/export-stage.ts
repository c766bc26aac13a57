import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { errorMessage } from '@honeyhive/utils';
import { normalizeBatchOptions } from './batch-options';
import { BoundedBatchProcessor } from './bounded-batch-processor';
import type { CountingExportProcessor, ExportEvents } from './counting-export-processor';
import { EXPORT_PROFILES } from './export-profiles';
import type { RateLimitedLog } from '@honeyhive/utils';
import { IMMEDIATE_MAX_IN_FLIGHT, SimpleExportProcessor } from './simple-export-processor';
import type { BatchOptions } from './types';

/** How spans leave the process: the exporter, batched or one by one, and where failures are reported. */
export interface ExportStageOptions {
  exporter: SpanExporter;
  /** Export each span as it ends (a few requests in flight) instead of in batches. */
  disableBatch?: boolean | undefined;
  /** Queue and batch limits; unset fields come from the `long-running` export profile. */
  batch?: Partial<BatchOptions> | undefined;
  /** Receives each failed or timed-out export instead of the log; a throw from it is ignored. */
  onExportFailed?: ((error: Error, spanCount: number, timedOut: boolean) => void) | undefined;
}

/**
 * Builds the export stage of the span processor: a {@link BoundedBatchProcessor}, or a
 * {@link SimpleExportProcessor} in immediate mode, whose drops and failures are reported through `log`
 * (rate-limited) or `onExportFailed`. Invalid batch limits are reported and replaced by the profile's.
 */
export function createExportStage(options: ExportStageOptions, log: RateLimitedLog): CountingExportProcessor {
  const { options: batch, problems } = normalizeBatchOptions(options.batch, EXPORT_PROFILES['long-running']);
  for (const problem of problems) log.note(`batch_${problem.variable}`, 'warn', () => `HoneyHive: ${problem.message}`);
  const events = exportEvents(batch, log, options.onExportFailed);
  if (!options.disableBatch) return new BoundedBatchProcessor(options.exporter, batch, events);
  return new SimpleExportProcessor(
    options.exporter,
    {
      maxInFlight: IMMEDIATE_MAX_IN_FLIGHT,
      maxQueueSize: batch.maxQueueSize,
      maxExportBatchSize: batch.maxExportBatchSize,
      maxExportBatchBytes: batch.maxExportBatchBytes,
      exportTimeoutMillis: batch.exportTimeoutMillis,
    },
    events,
  );
}

function exportEvents(batch: BatchOptions, log: RateLimitedLog, onExportFailed: ExportStageOptions['onExportFailed']): ExportEvents {
  return {
    onQueueFull: () => log.note('queue_full', 'warn', () => `HoneyHive: export queue full (${batch.maxQueueSize} spans); dropping spans`),
    onTooLarge: (count, error) =>
      log.note('too_large', 'warn', () => `HoneyHive: the backend refused ${count} span(s) as too large even alone; dropped (${errorMessage(error)})`),
    onExportFailed: (count, error, timedOut) => {
      const reason = timedOut ? `timed out after ${batch.exportTimeoutMillis} ms` : errorMessage(error);
      if (onExportFailed === undefined) {
        log.note('export_failed', 'warn', () =>
          timedOut ? `HoneyHive: export of ${count} span(s) ${reason}` : `HoneyHive: export of ${count} span(s) failed: ${reason}`,
        );
        return;
      }
      try {
        onExportFailed(new Error(`${count} span(s) not delivered: ${reason}`, { cause: error }), count, timedOut);
      } catch {
        // the handler's failure must not become the exporter's
      }
    },
  };
}
