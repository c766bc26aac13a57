import type { ReadableSpan, Span } from '@opentelemetry/sdk-trace-base';
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { OpenSpanIndex } from '../src/open-span-index';

function spanWithId(spanId: string): Span {
  return { spanContext: () => ({ spanId, traceId: '0af7651916cd43dd8448eb211c80319c', traceFlags: 1 }) } as unknown as Span;
}

describe('OpenSpanIndex', () => {
  it('finds a span by id while it is open, and not after it ended', () => {
    const index = new OpenSpanIndex();
    const a = spanWithId('00f067aa0ba902b7');
    const b = spanWithId('00f067aa0ba902b8');
    index.onStart(a, ROOT_CONTEXT);
    index.onStart(b, ROOT_CONTEXT);
    expect(index.find('00f067aa0ba902b7')).toBe(a);
    index.onEnd(a as unknown as ReadableSpan);
    expect(index.find('00f067aa0ba902b7')).toBeUndefined();
    expect(index.find('00f067aa0ba902b8')).toBe(b);
    index.onEnd(b as unknown as ReadableSpan);
    expect(index.find('00f067aa0ba902b8')).toBeUndefined();
  });

  it('finds nothing for an empty id, also after a span with an empty id came and went', () => {
    const index = new OpenSpanIndex();
    expect(index.find('')).toBeUndefined();
    const odd = spanWithId('');
    index.onStart(odd, ROOT_CONTEXT);
    expect(index.find('')).toBe(odd);
    index.onEnd(odd as unknown as ReadableSpan);
    expect(index.find('')).toBeUndefined();
  });

  it('indexes at most 10,000 open spans, and again once some ended', () => {
    const index = new OpenSpanIndex();
    const id = (i: number): string => i.toString(16).padStart(16, '0');
    for (let i = 1; i <= 10_001; i++) index.onStart(spanWithId(id(i)), ROOT_CONTEXT);
    expect(index.find(id(10_000))).toBeDefined();
    expect(index.find(id(10_001))).toBeUndefined();
    index.onEnd(spanWithId(id(1)) as unknown as ReadableSpan);
    index.onStart(spanWithId(id(10_002)), ROOT_CONTEXT);
    expect(index.find(id(10_002))).toBeDefined();
  });

  it('forgets every span on shutdown and keeps indexing afterwards', async () => {
    const index = new OpenSpanIndex();
    index.onStart(spanWithId('00f067aa0ba902b7'), ROOT_CONTEXT);
    await index.shutdown();
    expect(index.find('00f067aa0ba902b7')).toBeUndefined();
    const later = spanWithId('00f067aa0ba902b9');
    index.onStart(later, ROOT_CONTEXT);
    expect(index.find('00f067aa0ba902b9')).toBe(later);
  });
});
