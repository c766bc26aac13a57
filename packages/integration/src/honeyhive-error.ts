/**
 * Base class of the typed errors HoneyHive packages throw on purpose (only where a caller asked for it,
 * e.g. `strict: true`). `code` is stable and machine-readable; `message` is for people.
 */
export class HoneyHiveError extends Error {
  /** A stable identifier such as `HH_CONFIG_INVALID`. */
  readonly code: string;

  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.name = new.target.name;
    Object.setPrototypeOf(this, new.target.prototype);
  }
}
