import { apiKeyAllowedFor, createOtlpExporter, isLoopbackHost, sendsInClear } from '../src';

// Pure decisions: nothing here connects anywhere.

describe('apiKeyAllowedFor: the HoneyHive key goes only to the HoneyHive origin', () => {
  it.each([
    ['https://api.honeyhive.ai/opentelemetry/v1/traces', 'https://api.honeyhive.ai', true],
    ['https://api.honeyhive.ai:443/custom/path', 'https://api.honeyhive.ai/', true],
    ['https://API.dp1.US.HoneyHive.ai/v1/traces', undefined, true], // the default server URL
    ['https://api.honeyhive.ai/opentelemetry/v1/traces', undefined, true], // the cloud's other host
    ['https://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces', 'https://api.honeyhive.ai', true],
    ['https://api.honeyhive.ai/opentelemetry/v1/traces', 'https://hh.acme-dedicated.example', false], // a dedicated deployment's key stays there
    ['http://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces', undefined, false], // another scheme
    ['https://api.dp1.us.honeyhive.ai:8443/v1/traces', undefined, false], // another port
    ['https://collector.example.com/v1/traces', 'https://api.honeyhive.ai', false],
    ['http://api.honeyhive.ai/opentelemetry/v1/traces', 'https://api.honeyhive.ai', false], // another scheme
    ['http://127.0.0.1:4317', 'http://127.0.0.1:8080', false], // another port
    ['http://127.0.0.1:8080/opentelemetry/v1/traces', 'http://127.0.0.1:8080', true],
    ['https://evil.example/v1/traces', 'not a url', false], // an unusable server URL means the default one
    ['not a url', 'https://api.honeyhive.ai', false],
  ])('%s with serverUrl %s → %s', (endpoint, serverUrl, expected) => {
    expect(apiKeyAllowedFor(endpoint, serverUrl)).toBe(expected);
  });

  it('createOtlpExporter says when it withheld the key', () => {
    const base = { apiKey: 'hh-k' };
    expect(createOtlpExporter({ ...base, serverUrl: 'http://127.0.0.1:8080' }).apiKeyWithheld).toBe(false);
    expect(createOtlpExporter({ ...base, serverUrl: 'http://127.0.0.1:8080', endpoint: 'http://127.0.0.1:4318/v1/traces' }).apiKeyWithheld).toBe(true);
    expect(createOtlpExporter({ ...base, endpoint: 'https://collector.example.com/v1/traces' }).apiKeyWithheld).toBe(true);
    expect(createOtlpExporter({ endpoint: 'https://collector.example.com/v1/traces' }).apiKeyWithheld).toBe(false);
  });
});

describe('sendsInClear: plain http to a host that is not this machine', () => {
  it.each([
    ['http://api.example.com', true],
    ['http://10.0.0.5:4318/v1/traces', true],
    ['http://collector:4317', true],
    ['https://api.example.com', false],
    ['http://localhost:8080', false],
    ['http://app.localhost:8080', false],
    ['http://127.0.0.1:8080', false],
    ['http://127.8.9.10', false],
    ['http://[::1]:4318', false],
    ['http://[::ffff:127.0.0.1]:4318', false],
    ['not a url', false],
  ])('%s → %s', (url, expected) => {
    expect(sendsInClear(url)).toBe(expected);
  });

  it('knows loopback names without a lookup', () => {
    expect(['localhost', 'LOCALHOST.', '127.0.0.1', '::1', '[::1]', '0:0:0:0:0:0:0:1'].map(isLoopbackHost)).toEqual([true, true, true, true, true, true]);
    expect(['localhost.example.com', '128.0.0.1', '::2', '', 'example.com'].map(isLoopbackHost)).toEqual([false, false, false, false, false]);
  });
});
