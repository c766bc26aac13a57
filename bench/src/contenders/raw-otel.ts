import type { Attributes, Tracer } from '@opentelemetry/api';
import type { SpanExporter } from '@opentelemetry/sdk-trace-base';
import { AckingExporter } from '../acking-exporter';
import { SharedSink, SinkDrain } from '../shared-sink';
import { outputAttributes, respond, startAttributes, type ChatMessage, type ChatParams, type LlmPayload } from '../workload';
import { nowNs } from './timing';
import type { BackendUrls, Contender, CreateOptions, LlmCall, Protocol, SinkCounts, TracerHandle } from './types';

type SdkNode = typeof import('@opentelemetry/sdk-trace-node');
type GrpcExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-grpc');
type HttpExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-http');
type ProtoExporterModule = typeof import('@opentelemetry/exporter-trace-otlp-proto');
type GrpcModule = typeof import('@grpc/grpc-js');

/** The three OTLP trace exporters of the OpenTelemetry SDK, loaded with the contender's modules. */
export interface OtelExporters {
  grpc: GrpcExporterModule;
  http: HttpExporterModule;
  proto: ProtoExporterModule;
  grpcJs: GrpcModule;
}

/** Loads the OTLP exporter modules. */
export function loadOtelExporters(): OtelExporters {
  return {
    grpc: require('@opentelemetry/exporter-trace-otlp-grpc') as GrpcExporterModule,
    http: require('@opentelemetry/exporter-trace-otlp-http') as HttpExporterModule,
    proto: require('@opentelemetry/exporter-trace-otlp-proto') as ProtoExporterModule,
    grpcJs: require('@grpc/grpc-js') as GrpcModule,
  };
}

/** The OpenTelemetry SDK's OTLP exporter for `protocol`, sending the same bearer key as ours. */
export function otelExporter(modules: OtelExporters, protocol: Protocol, backend: BackendUrls, timeoutMillis = 10_000): SpanExporter {
  if (protocol === 'grpc') {
    const metadata = new modules.grpcJs.Metadata();
    metadata.set('authorization', 'Bearer bench-key');
    return new modules.grpc.OTLPTraceExporter({ url: backend.grpcUrl, metadata, timeoutMillis });
  }
  const config = { url: backend.otlpHttpUrl, headers: { Authorization: 'Bearer bench-key' }, timeoutMillis };
  return protocol === 'http/json' ? new modules.http.OTLPTraceExporter(config) : new modules.proto.OTLPTraceExporter(config);
}

/** Raw OpenTelemetry SDK: NodeTracerProvider + BatchSpanProcessor, the same attributes set by hand. */
export class RawOtelContender implements Contender {
  readonly name = 'raw-otel' as const;
  private sdk!: SdkNode;
  private exporters!: OtelExporters;

  describe(): string {
    return 'NodeTracerProvider + BatchSpanProcessor (@opentelemetry/sdk-trace-node 2.12); startActiveSpan with precomputed attributes';
  }

  load(): void {
    this.sdk = require('@opentelemetry/sdk-trace-node') as SdkNode;
    this.exporters = loadOtelExporters();
  }

  async create({ sink, backend, index }: CreateOptions): Promise<TracerHandle> {
    const memory = new SharedSink();
    const start = nowNs();
    const exporter =
      sink.kind === 'memory' ? memory : new AckingExporter(otelExporter(this.exporters, sink.protocol, backend, sink.batch?.exportTimeoutMillis));
    const provider = new this.sdk.NodeTracerProvider({
      spanLimits: { attributeCountLimit: 1024 },
      spanProcessors: [new this.sdk.BatchSpanProcessor(exporter, sink.kind === 'backend' ? sink.batch : undefined)],
    });
    if (index === 0) provider.register();
    const tracer: Tracer = provider.getTracer('bench');
    const setupNs = nowNs() - start;
    const drain = new SinkDrain(() => memory.getFinishedSpans());
    return {
      setupNs,
      llmCall(payload: LlmPayload): LlmCall {
        const atStart: Attributes = startAttributes(payload);
        const atEnd: Attributes = outputAttributes(payload);
        return function chatCompletion(messages: ChatMessage[], params: ChatParams) {
          return tracer.startActiveSpan('chatCompletion', (span) => {
            const began = performance.now();
            span.setAttributes(atStart);
            try {
              const result = respond(payload, messages, params);
              span.setAttributes(atEnd);
              return result;
            } finally {
              span.setAttribute('honeyhive_duration_ms', performance.now() - began);
              span.end();
            }
          });
        };
      },
      wrap<F extends (...args: any[]) => any>(fn: F): F {
        const name = fn.name || 'anonymous';
        return function wrapped(this: unknown, ...args: unknown[]) {
          return tracer.startActiveSpan(name, (span) => {
            try {
              return fn.apply(this, args);
            } finally {
              span.end();
            }
          });
        } as F;
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
        return { exported: memory.exported, attributesPerSpan: drain.attributesPerSpan };
      },
      shutdown: () => provider.shutdown(),
    };
  }
}
