import { EXPORT_PROFILES, selectExportProfile } from '../src';

describe('selectExportProfile', () => {
  it('picks serverless for a serverless environment and long-running otherwise', () => {
    expect(selectExportProfile({ serverless: true }).name).toBe('serverless');
    expect(selectExportProfile({ serverless: false }).name).toBe('long-running');
    expect(selectExportProfile().name).toBe('long-running');
  });

  it('a named override wins over the environment', () => {
    const chosen = selectExportProfile({ serverless: true }, 'high-throughput');
    expect(chosen).toEqual({ name: 'high-throughput', options: { ...EXPORT_PROFILES['high-throughput'] }, customized: false });
  });

  it('a partial override adjusts the chosen profile; bad values are ignored', () => {
    const chosen = selectExportProfile({ serverless: true }, { scheduledDelayMillis: 5, maxQueueSize: -3 });
    expect(chosen.name).toBe('serverless');
    expect(chosen.customized).toBe(true);
    expect(chosen.options).toEqual({ ...EXPORT_PROFILES.serverless, scheduledDelayMillis: 5 });
  });

  it('profiles are ordered as their purpose says', () => {
    const { serverless, 'long-running': longRunning, 'high-throughput': high } = EXPORT_PROFILES;
    expect(serverless.scheduledDelayMillis).toBeLessThan(longRunning.scheduledDelayMillis);
    expect(serverless.maxQueueSize).toBeLessThan(longRunning.maxQueueSize);
    expect(serverless.exportTimeoutMillis).toBeLessThan(longRunning.exportTimeoutMillis);
    expect(high.maxExportBatchSize).toBeGreaterThan(longRunning.maxExportBatchSize);
    expect(high.maxQueueSize).toBeGreaterThan(longRunning.maxQueueSize);
    for (const profile of [serverless, longRunning, high]) expect(profile.maxExportBatchSize).toBeLessThanOrEqual(profile.maxQueueSize);
  });
});
