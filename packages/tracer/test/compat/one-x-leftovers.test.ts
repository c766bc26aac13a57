// npm honeyhive 1.x leftovers: the traceloop.association.properties.disable_http_tracing key 1.x put on every span
// ('true'/'false', from its getTraceloopAssociationProperties), and `tracer.sessionId = id`, which in 1.x switched the
// session of later spans (a setter) and here threw a TypeError in strict code (a getter only).
import { randomUUID } from 'node:crypto';
import { HoneyHiveTracer } from '../../src';
import { recordingLogger, useCompatHarness } from './compat-harness';

const h = useCompatHarness();
const TWIN = 'traceloop.association.properties.disable_http_tracing';

describe('traceloop.association.properties.disable_http_tracing', () => {
  it.each([
    [undefined, 'true'],
    [true, 'true'],
    [false, 'false'],
  ])('is on every span (disableHttpTracing %s → %s), like the other 1.x association keys', async (disableHttpTracing, expected) => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'twin', disableHttpTracing }));
    tracer.traceTool(function traced() {})();
    tracer.getTracer().startSpan('raw').end();
    await tracer.flush();
    const spans = await h.backend.waitForSpans(2);
    expect(spans.map((span) => span.attributes[TWIN])).toEqual([expected, expected]);
  });
});

describe('tracer.sessionId = id (npm honeyhive 1.x setter)', () => {
  it('switches the session of spans started afterwards, announces it, and does not throw', async () => {
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'switch' }));
    const first = tracer.sessionId;
    tracer.traceTool(function before() {})();
    const next = randomUUID().toUpperCase();
    expect(() => {
      tracer.sessionId = next;
    }).not.toThrow();
    expect(tracer.sessionId).toBe(next.toLowerCase());
    tracer.traceTool(function after() {})();
    await tracer.trace(async () => {
      tracer.traceTool(function insideTrace() {})();
    });
    expect(await tracer.enrichSession({ metadata: { switched: true } })).toBe(true);
    await tracer.flush();
    await h.backend.waitForSpans(3);
    expect(h.spansNamed('before')[0]?.attributes['honeyhive.session_id']).toBe(first);
    expect(h.spansNamed('after')[0]?.attributes['honeyhive.session_id']).toBe(next.toLowerCase());
    expect(h.spansNamed('after')[0]?.attributes['traceloop.association.properties.session_id']).toBe(next.toLowerCase());
    expect(h.spansNamed('insideTrace')[0]?.attributes['honeyhive.session_id']).toBe(next.toLowerCase());
    expect(h.backend.session(next.toLowerCase())).toMatchObject({ startCount: 1, metadata: { switched: true } });
  });

  it('continues an existing session unchanged', async () => {
    const existing = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'switch', sessionName: 'original' }));
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'switch', sessionName: 'other' }));
    tracer.sessionId = existing.sessionId;
    await tracer.flush();
    expect(h.backend.session(existing.sessionId)?.session_name).toBe('original');
  });

  it('keeps the session and logs one line for a value that is not a UUID, instead of throwing', async () => {
    const { lines, logger } = recordingLogger();
    const tracer = h.keep(await HoneyHiveTracer.init({ ...h.base, project: 'switch', logger }));
    const kept = tracer.sessionId;
    expect(() => {
      tracer.sessionId = 'not-a-uuid';
    }).not.toThrow();
    expect(tracer.sessionId).toBe(kept);
    const warned = lines.filter((line) => line.startsWith('warn:') && line.includes('sessionId'));
    expect(warned).toHaveLength(1);
    expect(warned[0]).toContain('not-a-uuid');
    expect(tracer.stats().errors.sessionId).toBe(1);
  });
});
