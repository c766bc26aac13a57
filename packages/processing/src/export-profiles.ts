import type { DetectedEnvironment } from '@honeyhive/infra';
import { normalizeBatchOptions } from './batch-options';
import type { BatchOptions } from './types';

/** The named export profiles. */
export type ExportProfileName = 'serverless' | 'long-running' | 'high-throughput';

/**
 * Batch settings per kind of process.
 *
 * - `serverless`: the platform freezes the process between invocations (Lambda, Cloud Functions),
 *   so spans must leave while it runs: small batches, a 100 ms delay, a 5 s export budget that
 *   fits inside a function's timeout, and a small queue (one invocation rarely makes 512 spans).
 * - `long-running`: OpenTelemetry's batch size and queue (512 / 2048), but a 1 s delay instead of
 *   OTel's 5 s, because people watch HoneyHive traces appear while they debug; one request per
 *   second per tracer is still cheap. The 10 s export budget matches the OTLP exporters' default
 *   timeout, within which retries happen.
 * - `high-throughput`: for services producing thousands of spans a second: large batches and a large
 *   queue so bursts are absorbed instead of dropped, a 2 s delay, and a 30 s budget for big requests.
 */
export const EXPORT_PROFILES: Readonly<Record<ExportProfileName, Readonly<BatchOptions>>> = Object.freeze({
  serverless: Object.freeze({ maxExportBatchSize: 64, scheduledDelayMillis: 100, exportTimeoutMillis: 5_000, maxQueueSize: 512 }),
  'long-running': Object.freeze({ maxExportBatchSize: 512, scheduledDelayMillis: 1_000, exportTimeoutMillis: 10_000, maxQueueSize: 2_048 }),
  'high-throughput': Object.freeze({ maxExportBatchSize: 2_048, scheduledDelayMillis: 2_000, exportTimeoutMillis: 30_000, maxQueueSize: 16_384 }),
});

/** The profile chosen for a process, with its settings. */
export interface SelectedExportProfile {
  /** The base profile. */
  name: ExportProfileName;
  /** The settings (the base profile with any override applied). */
  options: BatchOptions;
  /** True when a partial override changed the base profile's settings. */
  customized: boolean;
}

/** True for the names of {@link EXPORT_PROFILES}. */
export function isExportProfileName(value: unknown): value is ExportProfileName {
  return value === 'serverless' || value === 'long-running' || value === 'high-throughput';
}

/**
 * Picks the export profile: a profile name in `override` wins; otherwise `serverless` when the
 * environment is serverless, else `long-running`. A partial `override` adjusts the chosen profile.
 */
export function selectExportProfile(
  environment?: Pick<DetectedEnvironment, 'serverless'> | null,
  override?: ExportProfileName | Partial<BatchOptions> | null,
): SelectedExportProfile {
  if (isExportProfileName(override)) return { name: override, options: { ...EXPORT_PROFILES[override] }, customized: false };
  const name: ExportProfileName = environment?.serverless === true ? 'serverless' : 'long-running';
  const base = EXPORT_PROFILES[name];
  if (override && typeof override === 'object') {
    const { options } = normalizeBatchOptions(override, base);
    const customized = (Object.keys(base) as Array<keyof BatchOptions>).some((key) => options[key] !== base[key]);
    return { name, options, customized };
  }
  return { name, options: { ...base }, customized: false };
}
