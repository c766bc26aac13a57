/** The free-form records a span carries, each flattened under its `honeyhive_*` prefix (enrichment and `trace()` options). */
export interface SpanRecordFields {
  /** Flattened under `honeyhive_config`. */
  config?: Record<string, unknown>;
  /** Flattened under `honeyhive_metadata`. */
  metadata?: Record<string, unknown>;
  /** Flattened under `honeyhive_metrics`. */
  metrics?: Record<string, unknown>;
  /** Flattened under `honeyhive_feedback`. */
  feedback?: Record<string, unknown>;
  /** Flattened under `honeyhive_user_properties`. */
  userProperties?: Record<string, unknown>;
}
