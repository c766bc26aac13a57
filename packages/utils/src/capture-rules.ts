import type { SecretRedaction } from './secret-redaction';

/**
 * Called for each captured value before it is recorded, at every depth: each top-level input (with its key,
 * e.g. the parameter name), the return value (with the key `'result'`), and every property, array item and
 * Map entry below them (with the property name, or the index as a string). `path` is the full attribute key
 * the value would be recorded under (`honeyhive_inputs.user.email`). Return what to record instead, for
 * example a masked copy; `undefined` records nothing. It must not change `value` itself. If it throws, that
 * value is not recorded at all (a failing mask never leaks the raw value). Values under a secret key are
 * redacted before the mask sees them.
 */
export type MaskFunction = (key: string, value: unknown, path?: string) => unknown;

/** What capture applies to user values besides the limits: the user's mask and the secret redaction. */
export interface CaptureRules {
  /** Applied to every value captured (see {@link MaskFunction}). */
  readonly mask?: MaskFunction | undefined;
  /** Which keys and values are secret. Default: `SecretRedaction.DEFAULT` (the default secret keys). */
  readonly redaction?: SecretRedaction | undefined;
}
