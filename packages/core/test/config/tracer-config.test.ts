import { inspect } from 'node:util';
import { TracerConfig, resolveTracerConfig } from '@honeyhive/core';

describe('TracerConfig', () => {
  it('stores the fields it is given', () => {
    const config = new TracerConfig({ project: 'p', batchSize: 5, session: { sessionName: 's' }, evaluation: { runId: 'r' } });
    expect(config.project).toBe('p');
    expect(config.batchSize).toBe(5);
    expect(config.session).toEqual({ sessionName: 's' });
    expect(config.evaluation).toEqual({ runId: 'r' });
  });

  it('keeps the API key (and its legacy spellings) readable but hidden', () => {
    const config = new TracerConfig({ apiKey: 'hidden-key-1', api_key: 'hidden-key-2' } as never);
    expect(config.apiKey).toBe('hidden-key-1');
    expect(Object.keys(config)).toEqual([]);
    expect(JSON.stringify(config)).not.toContain('hidden-key');
    expect(inspect(config)).not.toContain('hidden-key');
    expect(config.toJSON()).toEqual({ apiKey: '<redacted>', api_key: '<redacted>' });
  });

  it('redacts OTLP header values in toJSON', () => {
    expect(new TracerConfig({ otlpHeaders: { 'x-token': 'abc' } }).toJSON()).toEqual({ otlpHeaders: { 'x-token': '<redacted>' } });
  });

  it('can be constructed empty and from nothing usable', () => {
    expect(Object.keys(new TracerConfig())).toEqual([]);
    expect(Object.keys(new TracerConfig(null as never))).toEqual([]);
  });

  it('is resolved with the hidden key', () => {
    const { config, mode } = resolveTracerConfig({ config: new TracerConfig({ apiKey: 'hidden-key-1' }) }, {});
    expect(config.apiKey).toBe('hidden-key-1');
    expect(config.sources.apiKey).toBe('config');
    expect(mode).toBe('active');
  });

  it('reads legacy names passed to it', () => {
    const { config } = resolveTracerConfig({ config: new TracerConfig({ api_key: 'hidden-key-1', batch_size: 7 } as never) }, {});
    expect(config.apiKey).toBe('hidden-key-1');
    expect(config.batchSize).toBe(7);
  });
});
