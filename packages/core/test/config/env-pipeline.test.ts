import { EXPORT_PROFILES } from '@honeyhive/processing';
import { resolveTracerConfig, type TracerOptions } from '../../src';
import { tracerBatchSettings } from '../../src/batch-settings';
import { createTracerExporter } from '../../src/tracer-exporter';
import { collectingLogger } from '../helpers/test-tracer';

// The HH_* batch and exporter variables, read by the configuration and handed to the export pipeline (moved here
// from @honeyhive/processing, which reads no environment any more). Values only; env-backend.test.ts sends spans.

const longRunning = EXPORT_PROFILES['long-running'];
const OFF_SERVERLESS = { serverless: false };
const KEY = 'hh-env-pipeline-key';

function resolve(env: Record<string, string>, options: TracerOptions = {}) {
  return resolveTracerConfig({ apiKey: KEY, ...options }, env);
}

/** The batch settings a tracer with these options and this environment runs with. */
function batchOf(env: Record<string, string>, options: TracerOptions = {}) {
  return tracerBatchSettings(resolve(env, options).config, OFF_SERVERLESS);
}

/** The exporter a tracer with these options and this environment builds (shut down at once: only its choices matter). */
function exporterOf(env: Record<string, string>, options: TracerOptions = {}) {
  const { config, mode, problems } = resolve(env, options);
  const logger = collectingLogger();
  const built = createTracerExporter(config, mode, problems, tracerBatchSettings(config, OFF_SERVERLESS).batch.exportTimeoutMillis, logger);
  void built.exporter.shutdown();
  return { ...built, mode, problems, logger };
}

describe('batch settings from the environment', () => {
  it('uses the long-running profile when nothing is set', () => {
    expect(batchOf({})).toEqual({ batch: { ...longRunning }, disableBatch: false, problems: [] });
  });

  it('HH_BATCH_SIZE sets the batch size', () => {
    expect(batchOf({ HH_BATCH_SIZE: '7' }).batch.maxExportBatchSize).toBe(7);
  });

  it('HH_FLUSH_INTERVAL sets the delay, in seconds', () => {
    expect(batchOf({ HH_FLUSH_INTERVAL: '0.25' }).batch.scheduledDelayMillis).toBe(250);
  });

  it('HH_EXPORT_TIMEOUT sets the export timeout, in seconds', () => {
    expect(batchOf({ HH_EXPORT_TIMEOUT: '1.234' }).batch.exportTimeoutMillis).toBe(1234);
  });

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['off', false],
  ])('HH_DISABLE_BATCH=%s → %p', (value, expected) => {
    expect(batchOf({ HH_DISABLE_BATCH: value }).disableBatch).toBe(expected);
  });

  it('explicit options win over the environment', () => {
    const resolved = batchOf(
      { HH_BATCH_SIZE: '7', HH_FLUSH_INTERVAL: '0.25', HH_EXPORT_TIMEOUT: '1.234', HH_DISABLE_BATCH: 'true' },
      { batchSize: 3, flushIntervalMs: 9, exportTimeoutMs: 99, disableBatch: false },
    );
    expect(resolved.batch).toMatchObject({ maxExportBatchSize: 3, scheduledDelayMillis: 9, exportTimeoutMillis: 99 });
    expect(resolved.disableBatch).toBe(false);
  });

  it('the environment wins over the profile', () => {
    const resolved = batchOf({ HH_FLUSH_INTERVAL: '0.777' }, { exportProfile: 'serverless' });
    expect(resolved.batch).toEqual({ ...EXPORT_PROFILES.serverless, scheduledDelayMillis: 777 });
  });

  it('reports bad values naming the variable, and falls back', () => {
    const env = { HH_BATCH_SIZE: 'lots', HH_FLUSH_INTERVAL: '-5', HH_EXPORT_TIMEOUT: '0', HH_DISABLE_BATCH: 'maybe' };
    const resolved = batchOf(env);
    expect(resolved.batch).toEqual({ ...longRunning });
    expect(resolved.disableBatch).toBe(false);
    const { problems } = resolve(env);
    expect(problems.map((p) => p.variable).sort()).toEqual(['HH_BATCH_SIZE', 'HH_DISABLE_BATCH', 'HH_EXPORT_TIMEOUT', 'HH_FLUSH_INTERVAL']);
    for (const problem of problems) expect(problem.message).toContain(problem.variable);
  });

  it('a batch larger than the queue grows the default queue but is clamped to an explicit one', () => {
    expect(batchOf({ HH_BATCH_SIZE: '5000' }).batch).toMatchObject({ maxExportBatchSize: 5000, maxQueueSize: 5000 });
    const clamped = batchOf({ HH_BATCH_SIZE: '50' }, { maxQueueSize: 10 });
    expect(clamped.batch).toMatchObject({ maxExportBatchSize: 10, maxQueueSize: 10 });
    expect(clamped.problems.map((p) => p.variable)).toEqual(['maxExportBatchSize']);
  });

  it('maxExportBatchBytes, else HH_BATCH_MAX_BYTES; a bad value is reported, naming the variable', () => {
    expect(batchOf({}).batch.maxExportBatchBytes).toBeUndefined(); // the processor's 3 MiB default
    expect(batchOf({ HH_BATCH_MAX_BYTES: '65536' }).batch.maxExportBatchBytes).toBe(65_536);
    expect(batchOf({ HH_BATCH_MAX_BYTES: '65536' }, { maxExportBatchBytes: 8192 }).batch.maxExportBatchBytes).toBe(8192);
    expect(batchOf({ HH_BATCH_MAX_BYTES: 'huge' }).batch.maxExportBatchBytes).toBeUndefined();
    expect(resolve({ HH_BATCH_MAX_BYTES: 'huge' }).problems.map((p) => p.variable)).toEqual(['HH_BATCH_MAX_BYTES']);
  });
});

describe('exporter settings from the environment', () => {
  it('defaults to http/protobuf at the HoneyHive cloud, 10 s budget', () => {
    const built = exporterOf({});
    expect(built.url).toBe('https://api.dp1.us.honeyhive.ai/opentelemetry/v1/traces');
    expect(batchOf({}).batch.exportTimeoutMillis).toBe(10_000);
  });

  it('HH_OTLP_ENDPOINT overrides serverUrl; an explicit endpoint overrides it', () => {
    const env = { HH_OTLP_ENDPOINT: 'http://collector:4318/v1/traces' };
    expect(exporterOf(env, { serverUrl: 'https://x.example' }).url).toBe('http://collector:4318/v1/traces');
    expect(exporterOf(env, { otlpEndpoint: 'http://other:1/v1/traces' }).url).toBe('http://other:1/v1/traces');
  });

  it('HH_OTLP_PROTOCOL, else OTEL_EXPORTER_OTLP_PROTOCOL, chooses the protocol; explicit wins', () => {
    const collector = { HH_OTLP_ENDPOINT: 'http://127.0.0.1:4317' }; // grpc is for a collector
    expect(resolve({ HH_OTLP_PROTOCOL: 'http/json', OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).config.otlpProtocol).toBe('http/json');
    expect(resolve({ ...collector, OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc' }).config.otlpProtocol).toBe('grpc');
    expect(resolve({ HH_OTLP_PROTOCOL: 'grpc' }, { otlpProtocol: 'http/protobuf' }).config.otlpProtocol).toBe('http/protobuf');
  });

  it('gRPC keeps only the origin of the URL', () => {
    expect(exporterOf({ HH_OTLP_PROTOCOL: 'grpc', HH_OTLP_ENDPOINT: 'http://127.0.0.1:4317/ignored' }).url).toBe('http://127.0.0.1:4317');
  });

  it('HH_EXPORT_TIMEOUT sets the export budget; explicit wins', () => {
    expect(batchOf({ HH_EXPORT_TIMEOUT: '2.5' }).batch.exportTimeoutMillis).toBe(2500);
    expect(batchOf({ HH_EXPORT_TIMEOUT: '2.5' }, { exportTimeoutMs: 700 }).batch.exportTimeoutMillis).toBe(700);
  });

  it('reports unusable settings, naming them; the first variable set decides, and an unusable endpoint exports nothing', () => {
    const env = { HH_OTLP_PROTOCOL: 'carrier-pigeon', OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json', HH_OTLP_ENDPOINT: 'not a url', HH_EXPORT_TIMEOUT: 'soon', HH_OTLP_HEADERS: 'novalue' };
    const built = exporterOf(env);
    expect(built.problems.map((p) => p.variable).sort()).toEqual(['HH_EXPORT_TIMEOUT', 'HH_OTLP_ENDPOINT', 'HH_OTLP_HEADERS', 'HH_OTLP_PROTOCOL']);
    for (const problem of built.problems) expect(problem.message).toContain(problem.variable);
    const { config } = resolve(env);
    expect(config.otlpProtocol).toBe('http/protobuf');
    expect(config.otlpHeaders).toBeUndefined();
    expect(batchOf(env).batch.exportTimeoutMillis).toBe(longRunning.exportTimeoutMillis);
    // never to an address the user did not choose: no fallback to the HoneyHive cloud
    expect(built).toMatchObject({ mode: 'degraded', url: 'none' });
  });

  it('an HH_OTLP_ENDPOINT on another origin than serverUrl does not get the API key', () => {
    const built = exporterOf({ HH_OTLP_ENDPOINT: 'https://collector.example.com/v1/traces' });
    expect(built.url).toBe('https://collector.example.com/v1/traces');
    expect(built.logger.at('debug').some((line) => line.includes('API key is not sent'))).toBe(true);
    const local = exporterOf({ HH_OTLP_ENDPOINT: 'http://127.0.0.1:8080/v1/traces' }, { serverUrl: 'http://127.0.0.1:8080' });
    expect(local.logger.at('debug').some((line) => line.includes('API key is not sent'))).toBe(false);
  });
});
