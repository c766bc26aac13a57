import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { disabledPipeline } from '../src/disabled-pipeline';
import { TestTracer, collectingLogger } from './helpers/test-tracer';

const ZERO_SPANS = {
  started: 0,
  ended: 0,
  exported: 0,
  failed: 0,
  dropped: { no_session: 0, filtered: 0, queue_full: 0, too_large: 0, shutdown: 0, process_exit: 0 },
  queued: 0,
  inFlight: 0,
  abandoned: 0,
};

describe('disabledPipeline', () => {
  it('traces nothing: no-op provider, all-zero counts, owns no span, no test exporter', async () => {
    const pipeline = disabledPipeline(collectingLogger());
    expect(pipeline.enabled).toBe(false);
    const span = pipeline.provider.getTracer('t').startSpan('x');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(pipeline.processor.stats()).toEqual(ZERO_SPANS);
    // a fresh object each time: a caller changing one snapshot changes no other
    expect(pipeline.processor.stats()).not.toBe(pipeline.processor.stats());
    expect(pipeline.gate.droppedAfterShutdown).toBe(0);
    expect(pipeline.testExporter).toBeUndefined();
    expect(pipeline.openSpans.find(span.spanContext().spanId)).toBeUndefined();
    expect(() => pipeline.setDefaults({ sessionId: '00000000-0000-4000-8000-000000000000' })).not.toThrow();

    const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(new InMemorySpanExporter())] });
    const real = provider.getTracer('real').startSpan('real');
    expect(pipeline.marker.owns(real)).toBe(false);
    expect(pipeline.marker.owns(undefined)).toBe(false);
    real.end();
    await provider.shutdown();
  });

  it('has a running lifecycle over nothing that flushes and shuts down at once', async () => {
    const pipeline = disabledPipeline(collectingLogger());
    expect(pipeline.lifecycle.state).toBe('running');
    expect(await pipeline.lifecycle.flush(30_000)).toBe(true);
    expect(() => pipeline.uninstallExitHooks()).not.toThrow();
    expect(await pipeline.lifecycle.shutdown(30_000)).toBe(true);
    expect(pipeline.lifecycle.state).toBe('shut_down');
  });

  it('gives a disabled tracer its stats: every span count zero, no error', async () => {
    const logger = collectingLogger();
    const tracer = new TestTracer({ disableTracing: true, logger });
    try {
      expect(tracer.startSpan('nothing', () => 42)).toBe(42);
      expect(tracer.stats()).toMatchObject({ ...ZERO_SPANS, droppedAfterShutdown: 0, lifecycle: 'running', mode: 'disabled', errors: {} });
    } finally {
      expect(await tracer.shutdown(30_000)).toBe(true);
    }
    expect(tracer.stats()).toMatchObject({ ...ZERO_SPANS, droppedAfterShutdown: 0, lifecycle: 'shut_down', errors: {} });
    expect(logger.at('warn')).toEqual([]);
  });
});
