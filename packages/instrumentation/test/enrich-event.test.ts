// enrichSpan({ eventId }): the Python SDK's enrich_span(event_id=…) goes to the tracer's enrichEvent, not the active span.
import { enrichSpan, setDefaultTracerResolver, trace } from '../src';
import type { TracerLike } from '../src';
import { attributesUnder, setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => {
  setDefaultTracerResolver(undefined);
  tracing.reset();
});
afterAll(() => tracing.shutdown());

function recordingTracer(answer: unknown): TracerLike & { calls: Array<[string, object]> } {
  const calls: Array<[string, object]> = [];
  return {
    calls,
    getTracer: () => tracing.provider.getTracer('test'),
    enrichEvent(eventId: string, fields: object) {
      calls.push([eventId, fields]);
      return answer;
    },
  };
}

describe('enrichSpan({ eventId })', () => {
  it('hands the fields to the tracer that enriches events, and leaves the active span alone', async () => {
    const tracer = recordingTracer(Promise.resolve({ ok: true }));
    let pending: Promise<boolean> | undefined;
    trace(function active() {
      pending = enrichSpan({ eventId: 'abc123', metadata: { late: true } }, { tracer });
    }, { tracer })();
    await expect(pending).resolves.toBe(true);
    expect(tracer.calls).toEqual([['abc123', { eventId: 'abc123', metadata: { late: true } }]]);
    expect(attributesUnder(tracing.span('active'), 'honeyhive_metadata')).toEqual({});
  });

  it('finds the tracer through the default resolver and passes its answer on', async () => {
    const tracer = recordingTracer(false);
    setDefaultTracerResolver(() => tracer);
    await expect(enrichSpan({ eventId: 'e1', feedback: { rating: 1 } })).resolves.toBe(false);
    expect(tracer.calls.map(([id]) => id)).toEqual(['e1']);
  });

  it('resolves false, without rejecting, with no tracer, a tracer without enrichEvent, or one that throws', async () => {
    await expect(enrichSpan({ eventId: 'e1', metadata: {} })).resolves.toBe(false);
    await expect(enrichSpan({ eventId: 'e1' }, { tracer: tracing.tracer })).resolves.toBe(false);
    const throwing: TracerLike = {
      getTracer: () => tracing.provider.getTracer('test'),
      enrichEvent() {
        throw new Error('boom');
      },
    };
    await expect(enrichSpan({ eventId: 'e1' }, { tracer: throwing })).resolves.toBe(false);
  });

  it('an undefined eventId is the ordinary form (the active span)', () => {
    let applied: unknown;
    trace(function plain() {
      applied = enrichSpan({ eventId: undefined, metadata: { here: 1 } } as { metadata: Record<string, unknown> }, { tracer: tracing.tracer });
    }, { tracer: tracing.tracer })();
    expect(applied).toBe(true);
    expect(tracing.span('plain').attributes['honeyhive_metadata.here']).toBe(1);
  });
});
