import { inspect } from 'node:util';
import { HoneyHiveConfigError, TracerConfig, formatConfigProblem, resolveTracerConfig } from '@honeyhive/core';
import type { TracerConfigResolution, TracerOptions } from '@honeyhive/core';

const KEY = 'hh_live_Zx9SECRETkey0123456789';

function everythingPrinted(result: TracerConfigResolution): string {
  return [
    JSON.stringify(result.config),
    JSON.stringify(result.problems),
    JSON.stringify(result.notices),
    [...result.problems, ...result.notices].map(formatConfigProblem).join('\n'),
    inspect(result.config, { depth: 5 }),
    Object.keys(result.config).join(','),
    String(result.config),
  ].join('\n');
}

// Scenarios in which the key is around and something goes wrong (or nothing does).
const SCENARIOS: Array<[string, TracerOptions, Record<string, string>]> = [
  ['argument, all valid', { apiKey: KEY }, {}],
  ['argument with other problems', { apiKey: KEY, batchSize: -1, sessionId: 'x', serverUrl: 'ftp://x' }, {}],
  ['environment', {}, { HH_API_KEY: KEY, HH_BATCH_SIZE: 'x' }],
  ['environment with padding', {}, { HH_API_KEY: `  ${KEY}  `, HH_VERBOSE: 'perhaps' }],
  ['config object', { config: new TracerConfig({ apiKey: KEY, maxAttributes: 0 }) }, {}],
  ['legacy name', { api_key: KEY, flush_interval: 'x' } as TracerOptions, {}],
  ['legacy name conflicting', { api_key: KEY, apiKey: `${KEY}-2` } as TracerOptions, {}],
  ['non-string key', { apiKey: 12345678 as unknown as string }, { HH_API_KEY: KEY }],
  ['key pasted into another field', { apiKey: KEY, project: KEY, sessionId: KEY, source: 5 as unknown as string } , {}],
  ['key pasted into a misspelled option', { apikey: KEY } as TracerOptions, { HH_TEST_MODE: '1' }],
  ['key in a bad serverUrl', { apiKey: KEY, serverUrl: `ftp://${KEY}@host` }, {}],
];

describe.each(SCENARIOS)('the API key never appears (%s)', (_name, options, env) => {
  it('in problems, notices, formatted lines or the serialized/inspected config', () => {
    const result = resolveTracerConfig(options, env);
    expect(everythingPrinted(result)).not.toContain(KEY);
    expect(everythingPrinted(result)).not.toContain('12345678');
  });

  it('in the HoneyHiveConfigError of strict mode', () => {
    let message = '';
    try {
      resolveTracerConfig({ ...options, strict: true, batchSize: 0 }, env);
    } catch (error) {
      expect(error).toBeInstanceOf(HoneyHiveConfigError);
      message = `${(error as Error).message}\n${JSON.stringify((error as HoneyHiveConfigError).problems)}\n${inspect(error)}`;
    }
    expect(message).not.toBe('');
    expect(message).not.toContain(KEY);
  });
});

describe('the API key stays usable', () => {
  it('is readable on the resolved config but not enumerable, and toJSON marks it redacted', () => {
    const { config } = resolveTracerConfig({ apiKey: KEY }, {});
    expect(config.apiKey).toBe(KEY);
    expect(Object.keys(config)).not.toContain('apiKey');
    expect(config.toJSON().apiKey).toBe('<redacted>');
  });

  it('toJSON redacts OTLP header values but keeps their names', () => {
    const { config } = resolveTracerConfig({ testMode: true, otlpHeaders: { authorization: `Bearer ${KEY}` } }, {});
    expect(config.otlpHeaders).toEqual({ authorization: `Bearer ${KEY}` });
    expect(JSON.parse(JSON.stringify(config)).otlpHeaders).toEqual({ authorization: '<redacted>' });
  });
});
