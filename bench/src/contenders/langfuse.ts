import { SharedSink, SinkDrain } from '../shared-sink';
import { lookup, respond, type ChatMessage, type ChatParams, type LlmPayload } from '../workload';
import { nowNs } from './timing';
import type { Contender, CreateOptions, LlmCall, TracerHandle } from './types';

type LangfuseOtel = typeof import('@langfuse/otel');
type LangfuseTracing = typeof import('@langfuse/tracing');
type SdkNode = typeof import('@opentelemetry/sdk-trace-node');

/**
 * Langfuse's OTel-based tracing (@langfuse/tracing + @langfuse/otel 5.11.1), set up as its docs show for
 * an existing OpenTelemetry setup: a NodeTracerProvider with a LangfuseSpanProcessor, registered
 * globally; `observe()` as the decorator and `updateActiveObservation()` for enrichment.
 */
export class LangfuseContender implements Contender {
  readonly name = 'langfuse' as const;
  private otel!: LangfuseOtel;
  private tracing!: LangfuseTracing;
  private sdk!: SdkNode;

  describe(): string {
    return '@langfuse/tracing + @langfuse/otel 5.11.1: NodeTracerProvider + LangfuseSpanProcessor; observe() + updateActiveObservation()';
  }

  load(): void {
    this.sdk = require('@opentelemetry/sdk-trace-node') as SdkNode;
    this.otel = require('@langfuse/otel') as LangfuseOtel;
    this.tracing = require('@langfuse/tracing') as LangfuseTracing;
  }

  async create({ sink, backend, index }: CreateOptions): Promise<TracerHandle> {
    const memory = new SharedSink();
    const start = nowNs();
    const processor = new this.otel.LangfuseSpanProcessor({
      publicKey: 'pk-lf-bench',
      secretKey: 'sk-lf-bench',
      baseUrl: backend.httpUrl,
      ...(sink.kind === 'memory' ? { exporter: memory } : {}),
    });
    const provider = new this.sdk.NodeTracerProvider({ spanProcessors: [processor] });
    if (index === 0) provider.register();
    const setupNs = nowNs() - start;
    const drain = new SinkDrain(() => memory.getFinishedSpans());
    const { observe, updateActiveObservation } = this.tracing;
    return {
      setupNs,
      llmCall(payload: LlmPayload): LlmCall {
        return observe(
          function chatCompletion(messages: ChatMessage[], params: ChatParams) {
            updateActiveObservation(
              { metadata: payload.metadata, usageDetails: payload.metrics, modelParameters: payload.config, model: payload.params.model },
              { asType: 'generation' },
            );
            return respond(payload, messages, params);
          },
          { name: 'chatCompletion', asType: 'generation' },
        );
      },
      wrap: (fn) => observe(fn, { name: fn.name || 'anonymous' }),
      smallCall: () => observe(lookup, { name: 'lookup' }),
      flush: () => provider.forceFlush(),
      drain: () => drain.drain(),
      counts: () => {
        drain.drain();
        return { exported: memory.exported, ...drain.attributeCounts() };
      },
      shutdown: () => provider.shutdown(),
    };
  }
}
