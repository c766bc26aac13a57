import type { Logger, MaskFunction } from '@honeyhive/utils';

export type { MaskFunction };

/**
 * Per-tracer capture settings ({@link TracerLike.captureOptions}). A per-call `trace()` option wins
 * over the tracer's setting, which wins over the default.
 */
export interface CaptureOptions {
  /** Record a traced function's arguments. Default true. */
  readonly captureInputs?: boolean;
  /** Record a traced function's return value. Default true. */
  readonly captureOutputs?: boolean;
  /** Masks captured values before they are flattened; see {@link MaskFunction}. */
  readonly mask?: MaskFunction;
  /** Record arguments as `honeyhive_inputs._params_.<param>` (npm honeyhive 1.x). Default false. */
  readonly legacyInputShape?: boolean;
  /** At most this many attributes per captured group (inputs, outputs, metadata, …). Default 1024. */
  readonly maxAttributes?: number;
  /** Where swallowed tracing failures are reported (at debug level). Default: nowhere. */
  readonly logger?: Logger;
}
