/** Single span attribute keys of the HoneyHive wire contract (docs/wire-contract.md, "Span attributes"). */
export const ATTR = Object.freeze({
  SESSION_ID: 'honeyhive.session_id',
  PROJECT: 'honeyhive.project',
  SOURCE: 'honeyhive.source',
  PARENT_ID: 'honeyhive.parent_id',
  EVENT_TYPE: 'honeyhive_event_type',
  EVENT_NAME: 'honeyhive_event_name',
  ERROR: 'honeyhive_error',
  ERROR_TYPE: 'honeyhive_error_type',
  DURATION_MS: 'honeyhive_duration_ms',
  RUN_ID: 'honeyhive_metadata.run_id',
  DATASET_ID: 'honeyhive_metadata.dataset_id',
  DATAPOINT_ID: 'honeyhive_metadata.datapoint_id',
  /** `true` on a span ended because its result was never consumed (collected unconsumed, or open at shutdown). */
  ABANDONED: 'honeyhive_metadata.abandoned',
} as const);

/** Prefixes under which nested values are flattened to dotted keys (`<prefix>.<path>`). */
export const ATTR_PREFIX = Object.freeze({
  INPUTS: 'honeyhive_inputs',
  OUTPUTS: 'honeyhive_outputs',
  CONFIG: 'honeyhive_config',
  METADATA: 'honeyhive_metadata',
  METRICS: 'honeyhive_metrics',
  FEEDBACK: 'honeyhive_feedback',
  USER_PROPERTIES: 'honeyhive_user_properties',
  BAGGAGE: 'baggage',
  TRACELOOP_ASSOCIATION: 'traceloop.association.properties',
} as const);

/** Where a traced function's return value lands. */
export const OUTPUT_RESULT_KEY = 'honeyhive_outputs.result';

const TWIN_SOURCE_PREFIXES = ['honeyhive.', 'honeyhive_metadata.'];

/**
 * The `traceloop.association.properties.<k>` twin of a stamped key, for older backends:
 * `honeyhive.session_id` → `traceloop.association.properties.session_id`; the evaluation keys
 * (`honeyhive_metadata.run_id`, …) map to `…properties.run_id`. Any other key is used as `<k>` unchanged.
 */
export function traceloopTwin(key: string): string {
  let name = key;
  for (const prefix of TWIN_SOURCE_PREFIXES) {
    if (name.startsWith(prefix)) {
      name = name.slice(prefix.length);
      break;
    }
  }
  return `${ATTR_PREFIX.TRACELOOP_ASSOCIATION}.${name}`;
}
