import type { Tracer } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { AckingExporter } from '../acking-exporter';
import { SharedSink, SinkDrain } from '../shared-sink';
import { SESSION, lookup, respond, type ChatMessage, type ChatParams, type LlmPayload } from '../workload';
import { nowNs } from './timing';
import type { Contender, CreateOptions, LlmCall, SinkCounts, TracerHandle } from './types';

type Processing = typeof import('@honeyhive/processing');
type Instrumentation = typeof import('@honeyhive/instrumentation');
type SdkNode = typeof import('@opentelemetry/sdk-trace-node');

/** The members of `HoneyHiveTracer` (from `@honeyhive/tracer`) the benchmark drives. */
interface HoneyHiveTracerLike {
  getTracer(): Tracer;
  getTestSpans(): ReadableSpan[];
  stats(): { exported: number; failed: number; dropped: object };
  flush(timeoutMs?: number): Promise<boolean>;
  shutdown(timeoutMs?: number): Promise<boolean>;
}
type HoneyHiveTracerClass = new (options: Record<string, unknown>) => HoneyHiveTracerLike;

/** What "ours" is built from in this run. */
export type OursMode = 'tracer' | 'composed';

/** `HoneyHiveTracer` when `@honeyhive/tracer` exports it (and BENCH_OURS is not `composed`), else undefined. */
function tracerClass(): HoneyHiveTracerClass | undefined {
  if (process.env['BENCH_OURS'] === 'composed') return undefined;
  try {
    const exported = (require('@honeyhive/tracer') as { HoneyHiveTracer?: unknown }).HoneyHiveTracer;
    return typeof exported === 'function' ? (exported as HoneyHiveTracerClass) : undefined;
  } catch {
    return undefined;
  }
}

/** The parts of a tracer the benchmark drives, whichever way "ours" was built. */
interface Built {
  tracerLike: { getTracer(): Tracer };
  flush(): Promise<unknown>;
  shutdown(): Promise<unknown>;
  keptSpans(): ReadableSpan[];
  /** Spans acknowledged by the sink, and spans failed or dropped. */
  settled(): { exported: number; dropped: number };
}

function droppedTotal(stats: { failed: number; dropped: object }): number {
  return stats.failed + (Object.values(stats.dropped) as number[]).reduce((sum, n) => sum + n, 0);
}

/**
 * Our tracer: `HoneyHiveTracer` from `@honeyhive/tracer` (test mode for the in-memory sink, which keeps
 * spans in the same InMemorySpanExporter class every contender gets). Until that package exports it, the
 * stack it composes: NodeTracerProvider + HoneyHiveSpanProcessor (+ createOtlpExporter) + instrumentation.
 */
export class OursContender implements Contender {
  readonly name = 'ours' as const;
  private processing!: Processing;
  private instrumentation!: Instrumentation;
  private sdk!: SdkNode;
  private tracer: HoneyHiveTracerClass | undefined;

  /** Which build of "ours" runs. */
  mode(): OursMode {
    return tracerClass() ? 'tracer' : 'composed';
  }

  describe(): string {
    return this.mode() === 'tracer'
      ? 'HoneyHiveTracer (@honeyhive/tracer; testMode for the in-memory sink) + trace()/enrichSpan() (@honeyhive/instrumentation)'
      : 'NodeTracerProvider + HoneyHiveSpanProcessor + createOtlpExporter (@honeyhive/processing) + trace()/enrichSpan() (@honeyhive/instrumentation); HoneyHiveTracer was not available';
  }

  load(): void {
    this.tracer = tracerClass();
    if (!this.tracer) {
      this.sdk = require('@opentelemetry/sdk-trace-node') as SdkNode;
      this.processing = require('@honeyhive/processing') as Processing;
    }
    this.instrumentation = require('@honeyhive/instrumentation') as Instrumentation;
  }

  private buildTracer(Tracer: HoneyHiveTracerClass, { sink, backend }: CreateOptions): Built {
    const common = { project: SESSION.project, source: SESSION.source, sessionName: 'bench', verbose: false };
    const tracer =
      sink.kind === 'memory'
        ? new Tracer({ ...common, testMode: true })
        : new Tracer({
            ...common,
            apiKey: 'bench-key',
            serverUrl: backend.httpUrl,
            otlpProtocol: sink.protocol,
            // the gRPC port is another origin than serverUrl: the key goes there only when passed explicitly
            ...(sink.protocol === 'grpc' ? { otlpEndpoint: backend.grpcUrl, otlpHeaders: { authorization: 'Bearer bench-key' } } : {}),
            ...(sink.otlpUrl ? { otlpEndpoint: sink.otlpUrl, otlpHeaders: { authorization: 'Bearer bench-key' } } : {}),
            ...(sink.batch
              ? {
                  batchSize: sink.batch.maxExportBatchSize,
                  flushIntervalMs: sink.batch.scheduledDelayMillis,
                  maxQueueSize: sink.batch.maxQueueSize,
                  exportTimeoutMs: sink.batch.exportTimeoutMillis,
                }
              : {}),
          });
    return {
      tracerLike: tracer,
      flush: () => tracer.flush(),
      shutdown: () => tracer.shutdown(),
      keptSpans: () => tracer.getTestSpans(),
      settled: () => {
        const stats = tracer.stats();
        return { exported: stats.exported, dropped: droppedTotal(stats) };
      },
    };
  }

  private buildComposed({ sink, backend, index }: CreateOptions): Built {
    const memory = new SharedSink();
    const exporter =
      sink.kind === 'memory'
        ? memory
        : new AckingExporter(
            this.processing.createOtlpExporter({
              protocol: sink.protocol,
              serverUrl: backend.httpUrl,
              endpoint: sink.protocol === 'grpc' ? backend.grpcUrl : undefined,
              headers: sink.protocol === 'grpc' ? { authorization: 'Bearer bench-key' } : undefined,
              apiKey: 'bench-key',
              source: SESSION.source,
              timeoutMs: sink.batch?.exportTimeoutMillis,
            }).exporter,
          );
    const processor = new this.processing.HoneyHiveSpanProcessor({
      exporter,
      batch: sink.kind === 'backend' ? sink.batch : undefined,
      defaults: { sessionId: SESSION.sessionId, project: SESSION.project, source: SESSION.source },
    });
    const provider = new this.sdk.NodeTracerProvider({ spanLimits: { attributeCountLimit: 1024 }, spanProcessors: [processor] });
    if (index === 0) provider.register();
    const tracer = provider.getTracer('honeyhive');
    return {
      tracerLike: { getTracer: () => tracer },
      flush: () => provider.forceFlush(),
      shutdown: () => provider.shutdown(),
      keptSpans: () => memory.getFinishedSpans(),
      settled: () => {
        const stats = processor.stats();
        return { exported: stats.exported, dropped: droppedTotal(stats) };
      },
    };
  }

  async create(options: CreateOptions): Promise<TracerHandle> {
    const start = nowNs();
    const built = this.tracer ? this.buildTracer(this.tracer, options) : this.buildComposed(options);
    const setupNs = nowNs() - start;
    const { trace, enrichSpan } = this.instrumentation;
    const tracerLike = built.tracerLike;
    const drain = new SinkDrain(() => built.keptSpans());
    return {
      setupNs,
      llmCall(payload: LlmPayload): LlmCall {
        return trace(
          function chatCompletion(messages: ChatMessage[], params: ChatParams) {
            enrichSpan({ metadata: payload.metadata, metrics: payload.metrics }, { tracer: tracerLike });
            return respond(payload, messages, params);
          },
          { tracer: tracerLike, eventType: 'model', config: payload.config },
        );
      },
      wrap: (fn) => trace(fn, { tracer: tracerLike }),
      smallCall: () => trace(lookup, { tracer: tracerLike }),
      protocolOp(mode, attributes) {
        if (mode === 'trace') return trace(function protocolSpan() {}, { tracer: tracerLike, attributes });
        const otelTracer = tracerLike.getTracer();
        return () => otelTracer.startSpan('protocol-span', { attributes }).end();
      },
      plainSpan(name, attributes) {
        const span = tracerLike.getTracer().startSpan(name);
        span.setAttributes(attributes);
        span.end();
      },
      flush: async () => {
        await built.flush();
      },
      drain: () => drain.drain(),
      counts(): SinkCounts {
        const settled = built.settled();
        if (options.sink.kind === 'backend') return settled;
        drain.drain();
        return { ...settled, ...drain.attributeCounts() };
      },
      shutdown: async () => {
        await built.shutdown();
      },
    };
  }
}
