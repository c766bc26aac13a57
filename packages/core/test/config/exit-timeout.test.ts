import { resolveTracerConfig } from '../../src';

describe('exitTimeoutMs', () => {
  it('defaults to 2000 ms, at most the 2 s exit budget', () => {
    const { config, problems } = resolveTracerConfig({ testMode: true }, {});
    expect(config.exitTimeoutMs).toBe(2_000);
    expect(config.sources.exitTimeoutMs).toBe('default');
    expect(problems).toEqual([]);
  });

  it('reads HH_EXIT_TIMEOUT in seconds (0 allowed: exit at once); the option wins', () => {
    expect(resolveTracerConfig({ testMode: true }, { HH_EXIT_TIMEOUT: '0.5' }).config.exitTimeoutMs).toBe(500);
    expect(resolveTracerConfig({ testMode: true }, { HH_EXIT_TIMEOUT: '0' }).config.exitTimeoutMs).toBe(0);
    const both = resolveTracerConfig({ testMode: true, exitTimeoutMs: 750 }, { HH_EXIT_TIMEOUT: '5' });
    expect(both.config.exitTimeoutMs).toBe(750);
    expect(both.config.sources.exitTimeoutMs).toBe('argument');
  });

  it('reports an invalid value naming the field, and uses the default', () => {
    const bad = resolveTracerConfig({ testMode: true, exitTimeoutMs: -1 }, {});
    expect(bad.config.exitTimeoutMs).toBe(2_000);
    expect(bad.problems.map((p) => p.field)).toEqual(['exitTimeoutMs']);
    const badEnv = resolveTracerConfig({ testMode: true }, { HH_EXIT_TIMEOUT: 'soon' });
    expect(badEnv.config.exitTimeoutMs).toBe(2_000);
    expect(badEnv.problems.map((p) => p.variable)).toEqual(['HH_EXIT_TIMEOUT']);
  });
});
