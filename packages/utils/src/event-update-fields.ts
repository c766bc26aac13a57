/**
 * Fields that update an event or session. `metadata`, `feedback`, `metrics`, `config` and `userProperties` are
 * merged by the backend; `outputs` replaces the previous outputs (a non-object is sent as `{ value }`);
 * `inputs` cannot be updated and are sent as `metadata.inputs`.
 */
export interface EventUpdateFields {
  metadata?: Record<string, unknown>;
  feedback?: Record<string, unknown>;
  metrics?: Record<string, unknown>;
  config?: Record<string, unknown>;
  userProperties?: Record<string, unknown>;
  outputs?: unknown;
  inputs?: unknown;
  /** An error message to record on the event. */
  error?: string;
}

/** Fields of `enrichSession`: merged into the session (outputs replace; inputs go to `metadata.inputs`). */
export type EnrichSessionFields = EventUpdateFields;
