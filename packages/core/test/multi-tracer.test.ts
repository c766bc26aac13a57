import { startLocalBackend, type LocalBackend, type ReceivedSpan } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals, sleep } from './helpers/test-tracer';

// Three tracers (different keys, projects and backends) serve 1,000 interleaved requests in one process.
const REQUESTS = 1000;
const SPANS_PER_REQUEST = 5; // own spans per request: request, step-a, leaf, step-b (core API) + raw (plain OTel tracer)

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let x = Math.imul(state ^ (state >>> 15), 1 | state);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

const backends: LocalBackend[] = [];
const tracers: TestTracer[] = [];
const random = prng(20240611);
const pause = () => sleep(Math.floor(random() * 4));

beforeAll(async () => {
  for (let i = 0; i < 3; i += 1) {
    const backend = await startLocalBackend({ apiKeys: [`key-${i}`] });
    backends.push(backend);
    tracers.push(
      new TestTracer({
        apiKey: `key-${i}`,
        serverUrl: backend.httpUrl,
        project: `project-${i}`,
        source: `source-${i}`,
        maxQueueSize: 20_000,
        apiTimeoutMs: 30_000, // 1,000 session starts at once: generous on slow CI machines
        // The three backends share this process's event loop with 1,000 requests; on a loaded 2-core machine a
        // 512-span export can take over the default 10 s, time out client-side after the backend stored it,
        // and be counted failed. The counts asserted below must be exact, so give exports the same headroom.
        exportTimeoutMs: 60_000,
        logger: collectingLogger(),
      }),
    );
  }
});
afterAll(async () => {
  await Promise.all(tracers.map((t) => t.shutdown()));
  await Promise.all(backends.map((b) => b.stop()));
  resetOtelGlobals();
});

interface Request {
  index: number;
  tracer: number;
  sessionId: string;
}

async function handle(index: number, owner: number, done: Request[]): Promise<void> {
  const t = tracers[owner] as TestTracer;
  const foreign = tracers[(owner + 1) % 3] as TestTracer;
  const attributes = { 'req.index': index };
  await t.withSession({ sessionName: `req-${index}`, metadata: { index } }, async (sessionId) => {
    expect(t.currentSessionId()).toBe(sessionId);
    await t.startSpan('request', { eventType: 'chain', attributes }, async () => {
      await pause();
      await t.startSpan('step-a', { attributes }, async () => {
        await pause();
        t.startSpan('leaf', { attributes }, () => undefined);
      });
      // a span of another tracer in the middle of this session: it must keep its own session
      foreign.startSpan('foreign', { attributes }, () => undefined);
      await pause();
      // what an instrumentor bound to the tracer's provider does: a plain OTel span
      t.getTracer().startActiveSpan('raw', { attributes }, (span) => span.end());
      await t.startSpan('step-b', { attributes }, async () => {
        await pause();
        expect(t.currentSessionId()).toBe(sessionId);
      });
    });
    done.push({ index, tracer: owner, sessionId });
  });
}

function byIndex(spans: ReceivedSpan[], name: string): Map<number, ReceivedSpan[]> {
  const out = new Map<number, ReceivedSpan[]>();
  for (const span of spans.filter((s) => s.name === name)) {
    const index = span.attributes['req.index'] as number;
    out.set(index, [...(out.get(index) ?? []), span]);
  }
  return out;
}

describe('many tracers in one process', () => {
  it('keeps every span with its own tracer, session and project under 1,000 interleaved requests', async () => {
    const done: Request[] = [];
    const owners = Array.from({ length: REQUESTS }, () => Math.floor(random() * 3));
    await Promise.all(owners.map((owner, index) => pause().then(() => handle(index, owner, done))));
    expect(done).toHaveLength(REQUESTS);
    expect(new Set(done.map((r) => r.sessionId)).size).toBe(REQUESTS);
    await Promise.all(tracers.map((t) => t.flush(60_000)));

    for (let k = 0; k < 3; k += 1) {
      const backend = backends[k] as LocalBackend;
      const t = tracers[k] as TestTracer;
      const own = done.filter((r) => r.tracer === k);
      const guests = done.filter((r) => (r.tracer + 1) % 3 === k);
      const spans = backend.spans();
      expect(spans).toHaveLength(own.length * SPANS_PER_REQUEST + guests.length);
      expect(t.stats()).toMatchObject({ exported: spans.length, failed: 0, queued: 0, inFlight: 0 });
      expect(t.stats().dropped).toEqual({ no_session: 0, filtered: 0, queue_full: 0, too_large: 0, shutdown: 0, process_exit: 0 });
      // only this tracer's key reached this backend
      expect(new Set(backend.requests().map((r) => r.apiKey))).toEqual(new Set([`key-${k}`]));
      for (const span of spans) {
        expect(span.attributes['honeyhive.project']).toBe(`project-${k}`);
        expect(span.attributes['honeyhive.source']).toBe(`source-${k}`);
      }
      // every request's own spans carry its session, exactly SPANS_PER_REQUEST of them per session
      const sessionOf = new Map(own.map((r) => [r.index, r.sessionId]));
      const perSession = new Map<string, number>();
      for (const name of ['request', 'step-a', 'leaf', 'step-b', 'raw']) {
        const found = byIndex(spans, name);
        expect([...found.keys()].sort((a, b) => a - b)).toEqual(own.map((r) => r.index).sort((a, b) => a - b));
        for (const [index, list] of found) {
          expect(list).toHaveLength(1);
          const session = list[0]?.attributes['honeyhive.session_id'] as string;
          expect(session).toBe(sessionOf.get(index));
          perSession.set(session, (perSession.get(session) ?? 0) + 1);
        }
      }
      expect(new Set(perSession.values())).toEqual(own.length > 0 ? new Set([SPANS_PER_REQUEST]) : new Set());
      // spans another tracer's session surrounded keep this tracer's own session
      const foreign = spans.filter((s) => s.name === 'foreign');
      expect(foreign).toHaveLength(guests.length);
      for (const span of foreign) expect(span.attributes['honeyhive.session_id']).toBe(t.sessionId);
      // each request's session was started on its own tracer's backend, and only there
      for (const r of own) expect(backend.session(r.sessionId)).toMatchObject({ session_name: `req-${r.index}`, metadata: { index: r.index } });
      const started = backend.requests().filter((r) => r.route === 'sessions').length;
      expect(started).toBe(own.length + 1);
      expect(t.stats().sessionStarts).toMatchObject({ ok: own.length + 1, failed: 0, skipped: 0 });
    }
  }, 150_000); // about 25 s with both cores busy; the waits inside are bounded at 30 s (session starts) and 60 s (flush)

  it('after one tracer shuts down, the others keep exporting and its new spans are no-ops', async () => {
    await Promise.all(backends.map((b) => b.reset()));
    const [first, second, third] = tracers as [TestTracer, TestTracer, TestTracer];
    expect(await third.shutdown(30_000)).toBe(true);
    expect(third.stats().lifecycle).toBe('shut_down');
    const before = third.stats();

    await first.withSession({ sessionName: 'after' }, async () => first.startSpan('still-1', async () => pause()));
    await second.withSession({ sessionName: 'after' }, async () => second.startSpan('still-2', async () => pause()));
    const value = await third.withSession({ sessionName: 'gone' }, async () => third.startSpan('dropped', async () => 'kept'));
    expect(value).toBe('kept');
    await Promise.all(tracers.map((t) => t.flush()));

    expect((await (backends[0] as LocalBackend).waitForSpans(1)).map((s) => s.name)).toEqual(['still-1']);
    expect((await (backends[1] as LocalBackend).waitForSpans(1)).map((s) => s.name)).toEqual(['still-2']);
    expect((backends[2] as LocalBackend).requests()).toEqual([]);
    const after = third.stats();
    expect(after.droppedAfterShutdown).toBe(before.droppedAfterShutdown + 1);
    expect(after.ended).toBe(before.ended);
    expect(after.sessionStarts.skipped).toBe(before.sessionStarts.skipped + 1);
    expect(await third.shutdown()).toBe(true); // idempotent
  });
});
