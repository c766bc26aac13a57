import type { Attributes } from '@opentelemetry/api';
import { estimateSpanBytes, spanBytesAtMost } from '../src/span-size';
import { SESSION, accounted, memoryPipeline } from './helpers/tracing';

/** 20 attributes of 100 two-byte characters: short strings, which the cheap bound counts at 3 bytes a unit. */
function shortMultiByte(extra = 0): Attributes {
  const attributes: Attributes = {};
  for (let i = 0; i < 20; i++) attributes[`k${i}`] = 'é'.repeat(100 + (i === 0 ? extra : 0));
  return attributes;
}

describe('HoneyHiveSpanProcessor maxSpanBytes', () => {
  it('drops exactly the spans whose estimate is above the limit, counted too_large, also when the cheap bound is above it', async () => {
    // the estimate of such a span as the processor sees it (stamped, ended) is the limit
    const probe = memoryPipeline({ defaults: { sessionId: SESSION } });
    probe.tracer.startSpan('sized', { attributes: shortMultiByte() }).end();
    const [measured] = await probe.spans();
    const limit = estimateSpanBytes(measured!);
    expect(spanBytesAtMost(measured!)).toBeGreaterThan(limit);

    const { tracer, spans, processor } = memoryPipeline({ defaults: { sessionId: SESSION }, maxSpanBytes: limit });
    tracer.startSpan('sized', { attributes: { ...shortMultiByte(), n: 'a' } }).end(); // 40 + 1 + 1 bytes more: dropped
    tracer.startSpan('sized', { attributes: shortMultiByte() }).end(); // exactly the limit: kept
    tracer.startSpan('sized', { attributes: shortMultiByte(1) }).end(); // 2 bytes more: dropped
    tracer.startSpan('sized', { attributes: { small: 'x' } }).end(); // far below: kept
    const exported = await spans();
    expect(exported.map((span) => Object.keys(span.attributes).filter((key) => key === 'k0' || key === 'small'))).toEqual([['k0'], ['small']]);
    expect(exported[0]!.attributes.k0).toBe('é'.repeat(100));
    const stats = processor.stats();
    expect(stats.dropped.too_large).toBe(2);
    expect(accounted(stats)).toBe(stats.ended);
  });
});
