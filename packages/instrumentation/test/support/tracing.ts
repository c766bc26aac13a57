import { context, propagation, trace as otelTrace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-node';
import type { CaptureOptions, TracerLike } from '../../src';

/** A real NodeTracerProvider (registered globally, with the AsyncLocalStorage context manager) exporting to memory. */
export interface TestTracing {
  readonly exporter: InMemorySpanExporter;
  readonly provider: NodeTracerProvider;
  /** A TracerLike over `provider.getTracer('test')`. */
  readonly tracer: TracerLike;
  /** A TracerLike with capture settings. */
  tracerWith(captureOptions: CaptureOptions): TracerLike;
  /** Finished spans so far. */
  spans(): ReadableSpan[];
  /** The one finished span named `name` (fails the test when there is not exactly one). */
  span(name: string): ReadableSpan;
  /** Drops finished spans. */
  reset(): void;
  /** Shuts the provider down and removes every global it registered. */
  shutdown(): Promise<void>;
}

export function setupTracing(): TestTracing {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  provider.register();
  const otel = provider.getTracer('test');
  const spans = () => exporter.getFinishedSpans();
  return {
    exporter,
    provider,
    tracer: { getTracer: () => otel },
    tracerWith: (captureOptions) => ({ getTracer: () => otel, captureOptions }),
    spans,
    span(name) {
      const found = spans().filter((span) => span.name === name);
      if (found.length !== 1) throw new Error(`expected one span '${name}', found ${found.length}`);
      return found[0] as ReadableSpan;
    },
    reset: () => exporter.reset(),
    async shutdown() {
      await provider.shutdown();
      otelTrace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** Attributes whose key starts with `prefix`, as a plain object. */
export function attributesUnder(span: ReadableSpan, prefix: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(span.attributes)) if (key.startsWith(prefix)) out[key] = value;
  return out;
}
