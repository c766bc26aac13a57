import { resolveTracerConfig } from '@honeyhive/core';

// The Python SDK infers is_evaluation when run_id, dataset_id and datapoint_id are all given.

const ids = { runId: 'run-1', datasetId: 'ds-1', datapointId: 'dp-1' };

describe('isEvaluation inferred from the evaluation ids', () => {
  it('is true when runId, datasetId and datapointId are all set, with a notice for verbose mode', () => {
    const { config, problems, notices } = resolveTracerConfig({ testMode: true, ...ids }, {});
    expect(config.isEvaluation).toBe(true);
    expect(problems).toEqual([]);
    expect(notices.map((notice) => notice.field)).toContain('isEvaluation');
  });

  it('reads the ids from the config object and the snake_case names too', () => {
    const options = { testMode: true, config: { run_id: 'r', dataset_id: 'd', datapoint_id: 'p' } } as never;
    expect(resolveTracerConfig(options, {}).config.isEvaluation).toBe(true);
  });

  it.each([
    ['runId', { datasetId: 'ds-1', datapointId: 'dp-1' }],
    ['datasetId', { runId: 'run-1', datapointId: 'dp-1' }],
    ['datapointId', { runId: 'run-1', datasetId: 'ds-1' }],
  ])('stays false without %s', (_missing, given) => {
    const { config, notices } = resolveTracerConfig({ testMode: true, ...given }, {});
    expect(config.isEvaluation).toBe(false);
    expect(notices.map((notice) => notice.field)).not.toContain('isEvaluation');
  });

  it('keeps an explicit isEvaluation: false', () => {
    expect(resolveTracerConfig({ testMode: true, isEvaluation: false, ...ids }, {}).config.isEvaluation).toBe(false);
  });
});
