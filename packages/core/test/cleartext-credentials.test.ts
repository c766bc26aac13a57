import { resolveTracerConfig } from '../src';
import { cleartextCredentialWarnings, configuredSecrets } from '../src/credential-scope';
import { firstTimeInProcess } from '../src/said-once';
import { createTracerExporter } from '../src/tracer-exporter';
import { collectingLogger } from './helpers/test-tracer';

// The decision only: no tracer is built and nothing connects (a test never talks to a non-loopback host).

const KEY = 'hh-cleartext-key';
const config = (options: Record<string, unknown>) => resolveTracerConfig({ apiKey: KEY, ...options }, {}).config;
const HONEYHIVE_EXPORT = 'https://api.honeyhive.ai/opentelemetry/v1/traces';

describe('warning about credentials sent over plain http', () => {
  it('warns for a serverUrl on plain http to another host, naming the field and the fix', () => {
    const c = config({ serverUrl: 'http://hh.internal.example:8080' });
    const lines = cleartextCredentialWarnings(c, 'http://hh.internal.example:8080/opentelemetry/v1/traces', false);
    expect(lines).toEqual([expect.stringMatching(/^HoneyHive: serverUrl http:\/\/hh\.internal\.example:8080 is plain http .*API key.*use https/)]);
    expect(lines.join('')).not.toContain(KEY);
  });

  it.each([
    ['https', 'https://api.honeyhive.ai'],
    ['localhost', 'http://localhost:8787'],
    ['127.0.0.1', 'http://127.0.0.1:8787'],
    ['::1', 'http://[::1]:8787'],
  ])('says nothing for %s', (_name, serverUrl) => {
    expect(cleartextCredentialWarnings(config({ serverUrl }), `${serverUrl}/opentelemetry/v1/traces`, false)).toEqual([]);
  });

  it('warns for an http collector only when credentials go there', () => {
    const collector = 'http://collector.example:4318/v1/traces';
    // the key is withheld from another origin and no headers are given: nothing secret travels
    expect(cleartextCredentialWarnings(config({ otlpEndpoint: collector }), collector, true)).toEqual([]);
    const withHeaders = config({ otlpEndpoint: collector, otlpHeaders: { Authorization: 'Bearer collector-secret' } });
    expect(cleartextCredentialWarnings(withHeaders, collector, true)).toEqual([
      expect.stringMatching(/OTLP endpoint http:\/\/collector\.example:4318 .*credentials in otlpHeaders/),
    ]);
    expect(cleartextCredentialWarnings(config({}), HONEYHIVE_EXPORT, false)).toEqual([]);
  });

  it('is said once per process, whatever the number of tracers', () => {
    const line = cleartextCredentialWarnings(config({ serverUrl: 'http://once.example' }), 'http://once.example/opentelemetry/v1/traces', false)[0] ?? '';
    expect(line).not.toBe('');
    expect([firstTimeInProcess(line), firstTimeInProcess(line), firstTimeInProcess(line)]).toEqual([true, false, false]);
  });
});

it('counts secret-looking OTLP header values as secrets (whole value and bare token)', () => {
  const c = config({ otlpHeaders: { Authorization: 'Bearer tok-123456789', 'x-team': 'blue' } });
  expect(configuredSecrets(c).sort()).toEqual([KEY, 'Bearer tok-123456789', 'tok-123456789'].sort());
});

it('the exporter of a tracer logs the warning (the exporter is built, nothing is sent)', async () => {
  const logger = collectingLogger();
  const c = config({ serverUrl: 'http://wired.example:8080', logger });
  const { exporter } = createTracerExporter(c, 'active', [], 1_000, logger);
  await exporter.shutdown();
  expect(logger.at('warn')).toEqual([expect.stringContaining('serverUrl http://wired.example:8080 is plain http')]);
});
