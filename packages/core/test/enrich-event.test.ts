import { startLocalBackend, type LocalBackend } from '@honeyhive/local-backend';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// The Python SDK's enrich_span(event_id=…): enrich a given event, not the active span. A span of this tracer that
// is still open is enriched in place (it would be unknown to the backend until it ends); any other id gets an
// event update through the API (real requests, local backend).

const KEY = 'hh-enrich-event-key';
let backend: LocalBackend;
const tracers: TestTracer[] = [];

function tracer(): TestTracer {
  const created = new TestTracer({
    apiKey: KEY,
    serverUrl: backend.httpUrl,
    project: 'enrich-event',
    logger: collectingLogger(),
    registerGlobal: false,
    flushOnExit: false,
    disableHttpTracing: true,
    disableBatch: true,
  });
  tracers.push(created);
  return created;
}

function eventUpdates() {
  return backend.requests().filter((request) => request.route === 'events' && request.method === 'PUT');
}

beforeAll(async () => {
  backend = await startLocalBackend({ apiKeys: [KEY] });
});
afterEach(async () => {
  await Promise.all(tracers.splice(0).map((t) => t.shutdown()));
  await backend.reset();
  resetOtelGlobals();
});
afterAll(() => backend.stop());

describe('enrichEvent / enrichSpan({ eventId })', () => {
  it('enriches an open span of this tracer by its span id, from outside it, without an API call', async () => {
    const t = tracer();
    let parentId = '';
    await t.startSpan('parent', async (parent) => {
      parentId = parent.spanContext().spanId;
      await t.startSpan('child', async () => {
        // the active span is the child: the parent is enriched by id
        expect(await t.enrichSpan({ eventId: parentId.toUpperCase(), metadata: { step: 'late' }, feedback: { ok: true } })).toBe(true);
      });
    });
    await t.flush();
    const [parent] = (await backend.waitForSpans(2)).filter((span) => span.name === 'parent');
    expect(parent?.attributes).toMatchObject({ 'honeyhive_metadata.step': 'late', 'honeyhive_feedback.ok': true });
    expect(backend.spans().find((span) => span.name === 'child')?.attributes['honeyhive_metadata.step']).toBeUndefined();
    expect(eventUpdates()).toHaveLength(0);
  });

  it('updates an ended span through the API, as the Python SDK does (attributes into metadata, inputs under metadata.inputs)', async () => {
    const t = tracer();
    const spanId = t.startSpan('answered', (span) => span.spanContext().spanId);
    expect(await t.flush(30_000)).toBe(true);
    const applied = await t.enrichEvent(spanId, {
      feedback: { rating: 5 },
      metadata: { reviewer: 'ann' },
      attributes: { channel: 'web' },
      inputs: { question: 'why?' },
      outputs: 'fine',
      eventName: 'cannot-rename',
    });
    expect(applied).toBe(true);
    const [update] = eventUpdates();
    expect(update?.path).toBe(`/v1/events/${spanId}`);
    expect(update?.body).toEqual({
      metadata: { reviewer: 'ann', channel: 'web', inputs: { question: 'why?' } },
      feedback: { rating: 5 },
      outputs: { value: 'fine' },
    });
    const node = backend.sessionTree(t.sessionId)?.children.find((child) => child.event_name === 'answered');
    expect(node?.feedback).toEqual({ rating: 5 });
  });

  it('updates an event made with createEvent, and a session by its id', async () => {
    const t = tracer();
    const eventId = await t.createEvent({ eventName: 'rated', eventType: 'tool' });
    expect(eventId).toBeDefined();
    expect(await t.enrichSpan({ eventId: eventId as string, metrics: { score: 0.9 }, error: new Error('partial') })).toBe(true);
    expect(backend.events().find((event) => event.event_id === eventId)).toMatchObject({ metrics: { score: 0.9 }, error: 'partial' });
    expect(await t.enrichEvent(t.sessionId, { metadata: { closed: true } })).toBe(true);
    expect(backend.session(t.sessionId)?.metadata).toMatchObject({ closed: true });
  });

  it('resolves false without throwing for an empty id or an id the backend does not know, and counts the failure', async () => {
    const t = tracer();
    expect(await t.enrichEvent('  ', { metadata: { a: 1 } })).toBe(false);
    expect(t.stats().errors.enrichEvent).toBe(1);
    expect(await t.enrichEvent('0123456789abcdef', { metadata: { a: 1 } })).toBe(false);
    expect(t.stats().eventUpdates.failed).toBe(1);
  });
});
