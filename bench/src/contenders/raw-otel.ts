import type { Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { AckingExporter } from '../acking-exporter';
import { SharedSink, SinkDrain } from '../shared-sink';
import type { LlmPayload } from '../workload';
import { rawLlmCall, rawSmallCall, rawWrap } from './raw-otel-calls';
import { nowNs } from './timing';
import type { BackendUrls, Contender, CreateOptions, LlmCall, Protocol, SinkCounts, TracerHandle } from './types';

type SdkNode = typeof import('@opentelemetry/sdk-trace-node');
type GrpcExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-grpc');
type HttpExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-http');
type ProtoExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-proto');
type GrpcModule = typeof import('@grpc/grpc-js');

/** The OTLP trace exporter modules of the OpenTelemetry SDK; only those of the encodings in use are loaded. */
export interface OtelExporters {
  grpc?: GrpcExporterModule;
  http?: HttpExporterModule;
  proto?: ProtoExporterModule;
  grpcJs?: GrpcModule;
}

const ALL_PROTOCOLS: readonly Protocol[] = ['http/protobuf', 'http/json', 'grpc'];

/** Loads the OTLP exporter module of each of `protocols` (gRPC also loads @grpc/grpc-js, for the metadata). */
function loadOtelExporters(protocols: readonly Protocol[] = ALL_PROTOCOLS): OtelExporters {
  const modules: OtelExporters = {};
  if (protocols.includes('http/protobuf')) modules.proto = require('@opentelemetry/exporter-trace-otlp-proto') as ProtoExporterModule;
  if (protocols.includes('http/json')) modules.http = require('@opentelemetry/exporter-trace-otlp-http') as HttpExporterModule;
  if (protocols.includes('grpc')) {
    modules.grpc = require('@opentelemetry/exporter-trace-otlp-grpc') as GrpcExporterModule;
    modules.grpcJs = require('@grpc/grpc-js') as GrpcModule;
  }
  return modules;
}

function loaded<T>(module: T | undefined, protocol: Protocol): T {
  if (!module) throw new Error(`raw OTel: the exporter for ${protocol} was not loaded (load(['${protocol}']))`);
  return module;
}

/** The OpenTelemetry SDK's OTLP exporter for `protocol` (to `otlpUrl` when given), sending the same bearer key as ours. */
function otelExporter(modules: OtelExporters, protocol: Protocol, backend: BackendUrls, timeoutMillis = 10_000, otlpUrl?: string): SpanExporter {
  if (protocol === 'grpc') {
    const metadata = new (loaded(modules.grpcJs, protocol).Metadata)();
    metadata.set('authorization', 'Bearer bench-key');
    return new (loaded(modules.grpc, protocol).OTLPTraceExporter)({ url: backend.grpcUrl, metadata, timeoutMillis });
  }
  const config = { url: otlpUrl ?? backend.otlpHttpUrl, headers: { Authorization: 'Bearer bench-key' }, timeoutMillis };
  return protocol === 'http/json'
    ? new (loaded(modules.http, protocol).OTLPTraceExporter)(config)
    : new (loaded(modules.proto, protocol).OTLPTraceExporter)(config);
}

/** Raw OpenTelemetry SDK: NodeTracerProvider + BatchSpanProcessor, the same attributes set by hand. */
export class RawOtelContender implements Contender {
  readonly name = 'raw-otel' as const;
  private sdk!: SdkNode;
  private exporters!: OtelExporters;

  describe(): string {
    return 'NodeTracerProvider + BatchSpanProcessor (@opentelemetry/sdk-trace-node 2.12); startActiveSpan + the attributes ours records, set per call from the call\'s data (object literals, setAttribute)';
  }

  load(protocols?: readonly Protocol[]): void {
    this.sdk = require('@opentelemetry/sdk-trace-node') as SdkNode;
    this.exporters = loadOtelExporters(protocols);
  }

  async create({ sink, backend, index }: CreateOptions): Promise<TracerHandle> {
    const memory = new SharedSink();
    const start = nowNs();
    const exporter =
      sink.kind === 'memory' ? memory : new AckingExporter(otelExporter(this.exporters, sink.protocol, backend, sink.batch?.exportTimeoutMillis, sink.otlpUrl));
    const provider = new this.sdk.NodeTracerProvider({
      spanProcessors: [new this.sdk.BatchSpanProcessor(exporter, sink.kind === 'backend' ? sink.batch : undefined)],
    });
    if (index === 0) provider.register();
    const tracer: Tracer = provider.getTracer('bench');
    const setupNs = nowNs() - start;
    const drain = new SinkDrain(() => memory.getFinishedSpans());
    return {
      setupNs,
      llmCall: (payload: LlmPayload): LlmCall => rawLlmCall(tracer, payload),
      wrap: (fn) => rawWrap(tracer, fn),
      smallCall: () => rawSmallCall(tracer),
      protocolOp(mode, attributes) {
        if (mode !== 'span') return undefined;
        return () => tracer.startSpan('protocol-span', { attributes }).end();
      },
      plainSpan(name, attributes) {
        const span = tracer.startSpan(name);
        span.setAttributes(attributes);
        span.end();
      },
      flush: () => provider.forceFlush(),
      drain: () => drain.drain(),
      counts(): SinkCounts {
        if (exporter instanceof AckingExporter) return { exported: exporter.acknowledged, dropped: exporter.failed };
        drain.drain();
        return { exported: memory.exported, ...drain.attributeCounts() };
      },
      shutdown: () => provider.shutdown(),
    };
  }
}
