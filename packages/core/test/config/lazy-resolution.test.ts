import { resolveTracerConfig } from '@honeyhive/core';
import { OPTION_NAMES, OPTION_TABLE } from '../../src/config/option-table';

// Resolving a configuration runs only what the given options and the variables that are set need: an option
// neither given nor set is its default, without running its check or its variables' readers (a tracer's
// constructor resolves ~100 options, most of them neither, and each reader run for nothing is first-time code).

/** An environment that records which variables were read. */
function recordingEnv(values: Record<string, string>): { env: Record<string, string>; reads: Set<string> } {
  const reads = new Set<string>();
  const env = new Proxy(values, {
    get(target, name) {
      if (typeof name === 'string') reads.add(name);
      return Reflect.get(target, name);
    },
  });
  return { env, reads };
}

it('reads the variables that are set, and none of those of options neither given nor set', () => {
  const { env, reads } = recordingEnv({ HH_PROJECT: 'from-env', HH_BATCH_SIZE: '64', PATH: '/usr/bin' });
  const { config } = resolveTracerConfig({ apiKey: 'k-lazy-1234', verbose: true }, env);
  expect(config.project).toBe('from-env');
  expect(config.batchSize).toBe(64);
  expect(config.verbose).toBe(true);
  expect(reads).toContain('HH_PROJECT');
  expect(reads).toContain('HH_BATCH_SIZE');
  // variables of options that are neither given nor set
  for (const name of ['HH_FLUSH_INTERVAL', 'HH_MAX_ATTRIBUTES', 'HH_SESSION_NAME', 'HH_SAMPLE_RATE', 'OTEL_EXPORTER_OTLP_ENDPOINT']) {
    expect(reads).not.toContain(name);
  }
  // an option given in code does not read its variable either (the code wins)
  expect(reads).not.toContain('HH_VERBOSE');
});

it('finds a variable set in another case, as Windows does (process.env matches names in any case there)', () => {
  const windowsLike = new Proxy({ hh_project: 'any-case' } as Record<string, string>, {
    get: (target, name) => (typeof name === 'string' ? target[name] ?? target[name.toLowerCase()] : undefined),
  });
  expect(resolveTracerConfig({}, windowsLike).config.project).toBe('any-case');
});

it('every option check finds undefined absent (so an option not given is never checked)', () => {
  for (const name of OPTION_NAMES) {
    const spec = OPTION_TABLE[name] as { check: (value: unknown) => { kind: string } };
    expect([name, spec.check(undefined).kind]).toEqual([name, 'absent']);
  }
});
