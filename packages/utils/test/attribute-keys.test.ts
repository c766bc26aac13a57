import { ATTR, ATTR_PREFIX, OUTPUT_RESULT_KEY, traceloopTwin } from '../src/attribute-keys';

describe('attribute keys', () => {
  it('has the docs/wire-contract.md single keys', () => {
    expect(ATTR).toEqual({
      ABANDONED: 'honeyhive_metadata.abandoned',
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
    });
    expect(Object.isFrozen(ATTR)).toBe(true);
  });

  it('has the docs/wire-contract.md prefixes and the result key under the outputs prefix', () => {
    expect(ATTR_PREFIX).toEqual({
      INPUTS: 'honeyhive_inputs',
      OUTPUTS: 'honeyhive_outputs',
      CONFIG: 'honeyhive_config',
      METADATA: 'honeyhive_metadata',
      METRICS: 'honeyhive_metrics',
      FEEDBACK: 'honeyhive_feedback',
      USER_PROPERTIES: 'honeyhive_user_properties',
      BAGGAGE: 'baggage',
      TRACELOOP_ASSOCIATION: 'traceloop.association.properties',
    });
    expect(OUTPUT_RESULT_KEY).toBe('honeyhive_outputs.result');
    expect(OUTPUT_RESULT_KEY.startsWith(`${ATTR_PREFIX.OUTPUTS}.`)).toBe(true);
  });

  it('builds the traceloop twin of dot-family and evaluation keys', () => {
    expect(traceloopTwin(ATTR.SESSION_ID)).toBe('traceloop.association.properties.session_id');
    expect(traceloopTwin(ATTR.PROJECT)).toBe('traceloop.association.properties.project');
    expect(traceloopTwin(ATTR.SOURCE)).toBe('traceloop.association.properties.source');
    expect(traceloopTwin(ATTR.PARENT_ID)).toBe('traceloop.association.properties.parent_id');
    expect(traceloopTwin(ATTR.RUN_ID)).toBe('traceloop.association.properties.run_id');
    expect(traceloopTwin('custom')).toBe('traceloop.association.properties.custom');
  });
});
