import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { LifecycleGatedSpanProcessor, TracerLifecycle } from '../src';
import { RecordingExporter } from './helpers/targets';

function tracerWith(exporter: RecordingExporter | InMemorySpanExporter) {
  const inner = new SimpleSpanProcessor(exporter);
  const lifecycle = new TracerLifecycle(inner);
  const gated = new LifecycleGatedSpanProcessor(inner, lifecycle);
  const provider = new NodeTracerProvider({ spanProcessors: [gated] });
  lifecycle.markRunning();
  return { lifecycle, gated, provider, tracer: provider.getTracer('lifecycle-test') };
}

describe('LifecycleGatedSpanProcessor', () => {
  it('ignores spans of a shut-down tracer while another provider keeps exporting', async () => {
    const exporterA = new RecordingExporter();
    const exporterB = new InMemorySpanExporter();
    const a = tracerWith(exporterA);
    const b = tracerWith(exporterB);
    try {
      a.tracer.startSpan('a-before').end();
      b.tracer.startSpan('b-before').end();
      const openAcrossShutdown = a.tracer.startSpan('a-open-across-shutdown');
      await expect(a.lifecycle.shutdown()).resolves.toBe(true);

      a.tracer.startSpan('a-after-1').end();
      a.tracer.startSpan('a-after-2').end();
      openAcrossShutdown.end();
      b.tracer.startSpan('b-after').end();
      await b.lifecycle.flush();

      expect(exporterA.names).toEqual(['a-before']);
      expect(a.gated.droppedAfterShutdown).toBe(3);
      expect(exporterB.getFinishedSpans().map((span) => span.name)).toEqual(['b-before', 'b-after']);
      expect(b.gated.droppedAfterShutdown).toBe(0);
      expect(b.lifecycle.state).toBe('running');
    } finally {
      await Promise.all([a.provider.shutdown(), b.provider.shutdown()]);
    }
  });

  it('counts a span started after shutdown once, even when it also ends after', async () => {
    const { lifecycle, gated, tracer, provider } = tracerWith(new RecordingExporter());
    await lifecycle.shutdown();
    const span = tracer.startSpan('late');
    expect(gated.droppedAfterShutdown).toBe(1);
    span.end();
    expect(gated.droppedAfterShutdown).toBe(1);
    await provider.shutdown();
  });

  it('notes activity for every accepted span that ends', async () => {
    const { lifecycle, tracer, provider } = tracerWith(new RecordingExporter());
    const before = lifecycle.activityCount;
    tracer.startSpan('one').end();
    tracer.startSpan('two').end();
    expect(lifecycle.activityCount).toBe(before + 2);
    await provider.shutdown();
  });

  it('contains an inner processor that throws', async () => {
    const exporter = new RecordingExporter();
    const inner = new SimpleSpanProcessor(exporter);
    const broken = {
      onStart: () => {
        throw new Error('onStart bug');
      },
      onEnd: () => {
        throw new Error('onEnd bug');
      },
      forceFlush: () => inner.forceFlush(),
      shutdown: () => inner.shutdown(),
    };
    const gated = new LifecycleGatedSpanProcessor(broken, { isAcceptingSpans: true });
    const provider = new NodeTracerProvider({ spanProcessors: [gated] });
    expect(() => provider.getTracer('t').startSpan('s').end()).not.toThrow();
    await provider.shutdown();
  });
});
