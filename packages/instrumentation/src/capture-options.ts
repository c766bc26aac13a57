import type { Logger, MaskFunction, SecretRedaction } from '@honeyhive/utils';

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
  /** Masks captured values before they are flattened, at every depth; see {@link MaskFunction}. */
  readonly mask?: MaskFunction;
  /**
   * Which captured keys and values are secret (redacted as `<redacted>`). Default: `SecretRedaction.DEFAULT`
   * (the default secret keys: api keys, authorization, passwords, secrets, tokens, cookies, private keys…);
   * `SecretRedaction.NONE` records everything as it is. A HoneyHive tracer passes its own, which also knows
   * its API key and the tracer's `secretKeys`.
   */
  readonly redaction?: SecretRedaction;
  /** Record arguments as `honeyhive_inputs._params_.<param>` (npm honeyhive 1.x). Default false. */
  readonly legacyInputShape?: boolean;
  /** At most this many attributes per captured group (inputs, outputs, metadata, …). Default 1024. */
  readonly maxAttributes?: number;
  /** Where swallowed tracing failures are reported (at debug level). Default: nowhere. */
  readonly logger?: Logger;
}
