/** Where a configuration value came from: the constructor argument, its `config` object, the environment, or nowhere. */
export type ConfigSource = 'argument' | 'config' | 'env' | 'default';

/**
 * One configuration problem (or, in `notices`, a remark such as a deprecated name). `message` names the field
 * (and its environment variable) and says what the tracer does instead; `fix` says how to fix it. Neither ever
 * contains the API key or header values.
 */
export interface ConfigProblem {
  /** The option name, e.g. `batchSize` (for an unknown option: the name as given). */
  field: string;
  /** Where the offending value came from (`default`: nothing was set, e.g. a missing API key). */
  source: ConfigSource;
  message: string;
  fix: string;
  /** The environment variable involved, when there is one. */
  variable?: string;
}

/** One log line for a problem: `HoneyHive config: <message>. Fix: <fix>` (whitespace collapsed). */
export function formatConfigProblem(problem: ConfigProblem): string {
  const oneLine = (text: string) => String(text).replace(/\s+/g, ' ').trim().replace(/[.;]$/, '');
  return `HoneyHive config: ${oneLine(problem.message)}. Fix: ${oneLine(problem.fix)}.`;
}
