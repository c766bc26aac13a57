import { randomBytes } from 'node:crypto';
import type { LocalBackend } from '@honeyhive/local-backend';
import { HoneyHiveTracer, type HoneyHiveTracerOptions } from '@honeyhive/tracer';

/** Every API key the suite uses starts with this, so a scan for it finds any key in any text. */
export const API_KEY_MARKER = 'hhRELIABILITYsecret';

/** A fresh API key containing {@link API_KEY_MARKER} and `label` (random tail, so keys never repeat). */
export function secretApiKey(label: string): string {
  return `${API_KEY_MARKER}-${label}-${randomBytes(6).toString('hex')}`;
}

/**
 * The suite's tracer settings: the local backend, no global registration, no exit hooks (tests shut tracers
 * down themselves), no HTTP tracing, and small batch and timeout settings so faults resolve quickly.
 * `overrides` win.
 */
export function reliabilityTracerOptions(backend: LocalBackend, overrides: HoneyHiveTracerOptions = {}): HoneyHiveTracerOptions {
  return {
    apiKey: secretApiKey('default'),
    serverUrl: backend.httpUrl,
    project: 'reliability',
    source: 'reliability',
    sessionName: 'reliability',
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    batchSize: 50,
    flushIntervalMs: 20,
    exportTimeoutMs: 3_000,
    apiTimeoutMs: 2_000,
    ...overrides,
  };
}

/** A real `HoneyHiveTracer` on the local backend with {@link reliabilityTracerOptions}. */
export function createReliabilityTracer(backend: LocalBackend, overrides: HoneyHiveTracerOptions = {}): HoneyHiveTracer {
  return new HoneyHiveTracer(reliabilityTracerOptions(backend, overrides));
}
