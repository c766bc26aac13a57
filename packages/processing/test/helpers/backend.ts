import { ROOT_CONTEXT } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { LocalBackend } from '@honeyhive/local-backend';
import {
  ConnectionPool,
  HoneyHiveSpanProcessor,
  createOtlpExporter,
  type HoneyHiveSpanProcessorOptions,
  type OtlpExporterOptions,
  type OtlpProtocol,
} from '../../src';
import { SESSION } from './tracing';

export const API_KEY = 'hh-test-key-123';

/**
 * Exporter options that point `protocol` at the local backend. Over gRPC the backend's gRPC origin is named as
 * the server too: the API key goes only to the server's origin, and the gRPC port is another origin.
 */
function targetOf(backend: LocalBackend, protocol: OtlpProtocol): Partial<OtlpExporterOptions> {
  return protocol === 'grpc' ? { protocol, endpoint: backend.grpcUrl, serverUrl: backend.grpcUrl } : { protocol, serverUrl: backend.httpUrl };
}

/**
 * The export budget (exporter retries) and processor export timeout of {@link backendPipeline} unless a test sets
 * its own. Generous: it only bounds a hung export, and on a loaded 2-core machine one request can stall for
 * seconds; a test that expects delivery must not fail because the machine was slow. A test about a timeout sets
 * a short one itself and asserts the outcome (counted failed), not the time taken.
 */
const GENEROUS_TIMEOUT_MS = 30_000;

/** A provider → HoneyHiveSpanProcessor → OTLP exporter → local backend pipeline, and its cleanup. */
export function backendPipeline(
  backend: LocalBackend,
  protocol: OtlpProtocol,
  exporterOptions: Partial<OtlpExporterOptions> = {},
  processorOptions: Partial<HoneyHiveSpanProcessorOptions> = {},
) {
  const pool = exporterOptions.connectionPool ?? new ConnectionPool();
  const created = createOtlpExporter({
    ...targetOf(backend, protocol),
    apiKey: API_KEY,
    connectionPool: pool,
    timeoutMs: GENEROUS_TIMEOUT_MS,
    ...exporterOptions,
  });
  const processor = new HoneyHiveSpanProcessor({
    exporter: created.exporter,
    defaults: { sessionId: SESSION, project: 'wire-project', source: 'wire-test' },
    ...processorOptions,
    batch: { exportTimeoutMillis: GENEROUS_TIMEOUT_MS, ...(processorOptions.batch ?? { scheduledDelayMillis: 10 }) },
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'processing-test' }),
    spanProcessors: [processor],
  });
  const tracer = provider.getTracer('processing-test', '1.0.0');
  const emit = (name: string, count = 1): void => {
    for (let i = 0; i < count; i++) tracer.startSpan(name, {}, ROOT_CONTEXT).end();
  };
  const close = async (): Promise<void> => {
    await provider.shutdown();
    if (!exporterOptions.connectionPool) pool.destroy();
  };
  return { created, processor, provider, tracer, emit, close, pool };
}

/** The trace-export requests the backend recorded. */
export const traceRequests = (backend: LocalBackend) => backend.requests().filter((r) => r.route === 'traces');
