import { ROOT_CONTEXT, propagation, trace, type Context, type Span } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { HoneyHiveSpanProcessor, type HoneyHiveSpanProcessorOptions } from '../../src';

export const SESSION = '1b4e28ba-2fa1-11d2-883f-0016d3cca427';
export const OTHER_SESSION = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

/** A provider with one HoneyHiveSpanProcessor feeding an in-memory exporter. */
export function memoryPipeline(options: Partial<HoneyHiveSpanProcessorOptions> = {}, wrap?: (p: HoneyHiveSpanProcessor) => SpanProcessor) {
  const exporter = new InMemorySpanExporter();
  const processor = new HoneyHiveSpanProcessor({ exporter, disableBatch: true, ...options });
  const provider = new NodeTracerProvider({ spanProcessors: [wrap ? wrap(processor) : processor] });
  const tracer = provider.getTracer('test');
  const spans = async (): Promise<ReadableSpan[]> => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };
  return { exporter, processor, provider, tracer, spans };
}

/** A context carrying `entries` as W3C baggage. */
export function withBaggage(entries: Record<string, string>, base: Context = ROOT_CONTEXT): Context {
  const baggage = propagation.createBaggage(Object.fromEntries(Object.entries(entries).map(([k, v]) => [k, { value: v }])));
  return propagation.setBaggage(base, baggage);
}

/** A child context of `span`. */
export function under(span: Span, base: Context = ROOT_CONTEXT): Context {
  return trace.setSpan(base, span);
}

/** Asserts the stats invariant and returns the total accounted. */
export function accounted(stats: ReturnType<HoneyHiveSpanProcessor['stats']>): number {
  const dropped = stats.dropped.no_session + stats.dropped.filtered + stats.dropped.queue_full + stats.dropped.too_large + stats.dropped.shutdown;
  return stats.exported + stats.failed + dropped + stats.queued + stats.inFlight;
}
