import { randomUUID } from 'node:crypto';
import { ROOT_CONTEXT, SpanKind, TraceFlags, trace, type Context, type Sampler } from '@opentelemetry/api';
import { InMemorySpanExporter, SamplingDecision, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { CountingSampler, HoneyHiveSpanProcessor, SessionRatioSampler, keepRandomTraceFlag, keepsSession, sessionHash, RANDOM_TRACE_FLAG } from '../src';
import { SESSION, withBaggage } from './helpers/tracing';

// The session sampler keeps or drops whole sessions: the decision is a pure function of the session id (the one the
// processor stamps: tracer scope > baggage > defaults), so every process of a distributed session agrees.

function sampledPipeline(rate: number, defaults?: { sessionId: string }) {
  const exporter = new InMemorySpanExporter();
  const processor = new HoneyHiveSpanProcessor({ exporter, disableBatch: true, defaults });
  const sampler = new CountingSampler(new SessionRatioSampler({ rate, sessionOf: (ctx) => processor.sessionIdOf(ctx) }));
  const provider = keepRandomTraceFlag(new NodeTracerProvider({ spanProcessors: [processor], sampler }));
  const tracer = provider.getTracer('sampling');
  const spans = async (): Promise<ReadableSpan[]> => {
    await processor.forceFlush();
    return exporter.getFinishedSpans();
  };
  return { processor, sampler, tracer, spans };
}

/** Starts a root span and a child in `ctx` and ends both. */
function traceTwo(tracer: ReturnType<NodeTracerProvider['getTracer']>, ctx: Context): void {
  const root = tracer.startSpan('root', {}, ctx);
  tracer.startSpan('child', {}, trace.setSpan(ctx, root)).end();
  root.end();
}

const sessionOfSpan = (span: ReadableSpan): unknown => span.attributes['honeyhive.session_id'];

describe('keepsSession', () => {
  it('is a fixed function of the session id: the first 48 bits of its SHA-256', () => {
    // fixed vectors: another process (or another language) computing the same hash decides the same way
    expect(sessionHash('3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60')).toBe(114034613155625);
    expect(sessionHash('00000000-0000-4000-8000-000000000000')).toBe(241344243097648);
    expect(keepsSession('3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60', 0.41)).toBe(true);
    expect(keepsSession('3f2c8a4e-9b1d-4c6e-8f0a-1b2c3d4e5f60', 0.4)).toBe(false);
  });

  it('keeps none at 0, all at 1, and about the rate in between', () => {
    const ids = Array.from({ length: 1000 }, () => randomUUID());
    expect(ids.filter((id) => keepsSession(id, 0))).toHaveLength(0);
    expect(ids.filter((id) => keepsSession(id, 1))).toHaveLength(1000);
    const kept = ids.filter((id) => keepsSession(id, 0.3)).length;
    // binomial(1000, 0.3): mean 300, sd 14.5; these bounds are over 6 sd away
    expect(kept).toBeGreaterThan(200);
    expect(kept).toBeLessThan(400);
    // monotone in the rate: a session kept at 0.3 is kept at any higher rate
    expect(ids.filter((id) => keepsSession(id, 0.3) && !keepsSession(id, 0.6))).toHaveLength(0);
  });
});

describe('SessionRatioSampler in a pipeline', () => {
  it('keeps or drops each session whole, from the session in the baggage, and counts what it dropped', async () => {
    const { processor, sampler, tracer, spans } = sampledPipeline(0.5);
    const ids = Array.from({ length: 200 }, () => randomUUID());
    for (const id of ids) traceTwo(tracer, withBaggage({ session_id: id }));
    const exported = await spans();
    const bySession = new Map<unknown, number>();
    for (const span of exported) bySession.set(sessionOfSpan(span), (bySession.get(sessionOfSpan(span)) ?? 0) + 1);
    const kept = ids.filter((id) => keepsSession(id, 0.5));
    expect([...bySession.keys()].sort()).toEqual([...kept].sort());
    expect([...bySession.values()].every((count) => count === 2)).toBe(true);
    expect(kept.length).toBeGreaterThan(60);
    expect(kept.length).toBeLessThan(140);
    // a span sampled out never reaches the processor: it is counted by the sampler
    expect(sampler.sampledOut).toBe(2 * (ids.length - kept.length));
    expect(processor.stats().ended).toBe(2 * kept.length);
    expect(processor.stats().exported).toBe(2 * kept.length);
  });

  it('decides on the defaults (the tracer session) when the context names none', async () => {
    const kept = Array.from({ length: 50 }, () => randomUUID()).find((id) => keepsSession(id, 0.5)) as string;
    const dropped = Array.from({ length: 50 }, () => randomUUID()).find((id) => !keepsSession(id, 0.5)) as string;
    const keeping = sampledPipeline(0.5, { sessionId: kept });
    traceTwo(keeping.tracer, ROOT_CONTEXT);
    expect(await keeping.spans()).toHaveLength(2);
    const dropping = sampledPipeline(0.5, { sessionId: dropped });
    traceTwo(dropping.tracer, ROOT_CONTEXT);
    expect(await dropping.spans()).toHaveLength(0);
    expect(dropping.sampler.sampledOut).toBe(2);
  });

  it('decides on a session id given as a start attribute, which the stamp also keeps', async () => {
    const dropped = Array.from({ length: 50 }, () => randomUUID()).find((id) => !keepsSession(id, 0.5)) as string;
    const kept = Array.from({ length: 50 }, () => randomUUID()).find((id) => keepsSession(id, 0.5)) as string;
    const { tracer, spans } = sampledPipeline(0.5, { sessionId: kept });
    tracer.startSpan('given', { attributes: { 'honeyhive.session_id': dropped.toUpperCase() } }, ROOT_CONTEXT).end();
    tracer.startSpan('default', {}, ROOT_CONTEXT).end();
    expect((await spans()).map((span) => span.name)).toEqual(['default']);
  });

  it('respects an incoming sampled flag either way', async () => {
    const remote = (flags: number) =>
      trace.setSpanContext(withBaggage({ session_id: SESSION }), { traceId: 'a'.repeat(32), spanId: 'b'.repeat(16), traceFlags: flags, isRemote: true });
    const none = sampledPipeline(0);
    traceTwo(none.tracer, remote(TraceFlags.SAMPLED));
    expect(await none.spans()).toHaveLength(2);
    const all = sampledPipeline(1);
    traceTwo(all.tracer, remote(TraceFlags.NONE));
    expect(await all.spans()).toHaveLength(0);
    expect(all.sampler.sampledOut).toBe(2);
  });

  it('keeps a span with no session (the processor counts it no_session) and keeps the random trace flag', async () => {
    const { processor, tracer, spans } = sampledPipeline(0.5);
    tracer.startSpan('orphan', {}, ROOT_CONTEXT).end();
    await spans();
    expect(processor.stats().dropped.no_session).toBe(1);
    const kept = Array.from({ length: 50 }, () => randomUUID()).find((id) => keepsSession(id, 0.5)) as string;
    const span = tracer.startSpan('flags', {}, withBaggage({ session_id: kept }));
    expect(span.spanContext().traceFlags).toBe(TraceFlags.SAMPLED | RANDOM_TRACE_FLAG);
    span.end();
  });
});

describe('CountingSampler', () => {
  const ask = (sampler: CountingSampler) => sampler.shouldSample(ROOT_CONTEXT, 'a'.repeat(32), 'n', SpanKind.INTERNAL, {}, []);

  it("counts a user sampler's drops and keeps the span when it throws", () => {
    const decisions = [SamplingDecision.NOT_RECORD, SamplingDecision.RECORD_AND_SAMPLED, SamplingDecision.NOT_RECORD];
    const user: Sampler = { shouldSample: () => ({ decision: decisions.shift() as SamplingDecision }) } as unknown as Sampler;
    const counting = new CountingSampler(user as never);
    const got = [0, 1, 2].map(() => ask(counting).decision);
    expect(got).toEqual([SamplingDecision.NOT_RECORD, SamplingDecision.RECORD_AND_SAMPLED, SamplingDecision.NOT_RECORD]);
    expect(counting.sampledOut).toBe(2);
    const throwing = new CountingSampler({ shouldSample: () => { throw new Error('boom'); } } as never);
    expect(ask(throwing).decision).toBe(SamplingDecision.RECORD_AND_SAMPLED);
  });
});
