import type { Logger } from '@honeyhive/utils';

/**
 * Called for each captured value before it is recorded: every top-level input (with its key, e.g. the
 * parameter name) and the return value (with the key `'result'`). Return what to record instead, for
 * example a masked copy; `undefined` records nothing. It must not change `value` itself. If it throws,
 * that value is not recorded at all (a failing mask never leaks the raw value).
 */
export type MaskFunction = (key: string, value: unknown) => unknown;

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
