import type { ConfigProblem, ConfigSource } from './config-problem';

function given(value: unknown): boolean {
  return typeof value === 'string' && value.trim() !== '';
}

/**
 * The Python SDK's inference: with `runId`, `datasetId` and `datapointId` all set and `isEvaluation` not set, the
 * tracer runs as an evaluation (`isEvaluation` becomes true). An explicit `isEvaluation: false` is kept. Changes
 * `values` in place and returns the notice for verbose mode, or undefined when nothing was inferred.
 */
export function inferEvaluation(values: Record<string, unknown>, sources: Record<string, ConfigSource>): ConfigProblem | undefined {
  if (values.isEvaluation === true || sources.isEvaluation !== 'default') return undefined;
  if (!given(values.runId) || !given(values.datasetId) || !given(values.datapointId)) return undefined;
  values.isEvaluation = true;
  return {
    field: 'isEvaluation',
    source: 'default',
    message: 'isEvaluation: runId, datasetId and datapointId are all set, so isEvaluation is true (as the Python SDK infers)',
    fix: 'pass isEvaluation: false to run outside an evaluation with these ids',
  };
}
