import { renderSessionTree, startLocalBackend, type LocalBackend, type SessionTree } from '../src';
import { postOtlpJson, send, sendJson, AUTH } from './helpers';

let backend: LocalBackend;
beforeAll(async () => {
  backend = await startLocalBackend();
});
afterAll(() => backend.stop());
beforeEach(() => backend.reset());

const SID = '5d2c3b1a-0000-4000-8000-00000000abcd';
const TRACE = 'ab'.repeat(16);
const ms = (n: number) => String(BigInt(1700000000000 + n) * 1000000n);
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });
const int = (key: string, value: number) => ({ key, value: { intValue: String(value) } });

function span(spanId: string, name: string, startMs: number, endMs: number, attributes: unknown[], extra: Record<string, unknown> = {}) {
  return {
    traceId: TRACE,
    spanId,
    name,
    startTimeUnixNano: ms(startMs),
    endTimeUnixNano: ms(endMs),
    attributes: [str('honeyhive.session_id', SID), ...attributes],
    ...extra,
  };
}

describe('session start', () => {
  test('POST /v1/sessions is idempotent on session_id', async () => {
    const body = { session_id: SID, session_name: 'demo', source: 'test', inputs: { q: 'hi' }, metadata: { a: 1 } };
    const first = await sendJson(backend.httpUrl, 'POST', '/v1/sessions', body);
    const second = await sendJson(backend.httpUrl, 'POST', '/v1/sessions', { ...body, session_name: 'other' });
    expect(first.status).toBe(200);
    expect(first.json()).toEqual({ session_id: SID });
    expect(second.json()).toEqual({ session_id: SID });
    expect(backend.sessions()).toHaveLength(1);
    expect(backend.session(SID)).toMatchObject({ session_name: 'demo', source: 'test', inputs: { q: 'hi' }, startCount: 2, createdVia: 'v1' });
  });

  test('POST /v1/sessions without an id generates a UUID', async () => {
    const reply = await sendJson(backend.httpUrl, 'POST', '/v1/sessions', { session_name: 'anon' });
    const id = reply.json().session_id;
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(backend.session(id)?.session_name).toBe('anon');
  });

  test('legacy POST /session/start takes {"session": {...}}', async () => {
    const reply = await sendJson(backend.httpUrl, 'POST', '/session/start', { session: { session_id: SID, session_name: 'old', project: 'p' } });
    expect(reply.json()).toEqual({ session_id: SID });
    expect(backend.session(SID)).toMatchObject({ session_name: 'old', project: 'p', createdVia: 'legacy' });
    const bare = await sendJson(backend.httpUrl, 'POST', '/session/start', { session_name: 'bare' });
    expect(bare.status).toBe(400);
    expect(bare.json().error).toMatch(/expects \{"session"/);
  });

  test('bad field types → 400', async () => {
    for (const body of [{ session_id: 5 }, { inputs: 'x' }, { metadata: [1] }, { start_time: 'now' }, 'text']) {
      const reply = await sendJson(backend.httpUrl, 'POST', '/v1/sessions', JSON.stringify(body));
      expect(reply.status).toBe(400);
    }
    expect(backend.sessions()).toHaveLength(0);
  });
});

describe('event updates', () => {
  beforeEach(async () => {
    await sendJson(backend.httpUrl, 'POST', '/v1/sessions', { session_id: SID, metadata: { keep: 1 }, user_properties: { u: 1 } });
  });

  test('PUT /v1/events/{session_id} merges metadata/feedback/metrics/config/user_properties and replaces outputs', async () => {
    const put = (body: unknown) => sendJson(backend.httpUrl, 'PUT', `/v1/events/${SID}`, body);
    expect((await put({ metadata: { a: 1 }, outputs: { first: true }, metrics: { m: 1 }, feedback: { f: 1 } })).json()).toEqual({ success: true });
    await put({ metadata: { b: 2 }, outputs: { second: true }, metrics: { n: 2 }, config: { c: 3 }, user_properties: { v: 2 } });
    expect(backend.session(SID)).toMatchObject({
      metadata: { keep: 1, a: 1, b: 2 },
      outputs: { second: true },
      metrics: { m: 1, n: 2 },
      feedback: { f: 1 },
      config: { c: 3 },
      user_properties: { u: 1, v: 2 },
      updateCount: 2,
    });
  });

  test('outputs must be an object; inputs cannot be updated; unknown ids → 404', async () => {
    const put = (id: string, body: unknown) => sendJson(backend.httpUrl, 'PUT', `/v1/events/${id}`, body);
    const notObject = await put(SID, { outputs: 'done' });
    expect(notObject.status).toBe(400);
    expect(notObject.json().error).toMatch(/outputs must be an object/);
    const inputs = await put(SID, { inputs: { q: 1 } });
    expect(inputs.status).toBe(400);
    expect(inputs.json().error).toMatch(/metadata\.inputs/);
    const unknown = await put('no-such-id', { metadata: {} });
    expect(unknown.status).toBe(404);
    expect(backend.session(SID)!.updateCount).toBe(0);
  });

  test('legacy PUT /events takes event_id in the body', async () => {
    const reply = await sendJson(backend.httpUrl, 'PUT', '/events', { event_id: SID, feedback: { rating: 5 } });
    expect(reply.json()).toEqual({ success: true });
    expect(backend.session(SID)!.feedback).toEqual({ rating: 5 });
    expect((await sendJson(backend.httpUrl, 'PUT', '/events', { feedback: {} })).status).toBe(400);
  });
});

describe('event creation', () => {
  test('POST /v1/events (bare) and legacy POST /events ({"event": ...}) create events', async () => {
    const created = await sendJson(backend.httpUrl, 'POST', '/v1/events', {
      session_id: SID,
      event_type: 'model',
      event_name: 'completion',
      inputs: { prompt: 'p' },
      start_time: 1700000000000,
      end_time: 1700000000025,
    });
    expect(created.status).toBe(200);
    const eventId = created.json().event_id;
    expect(typeof eventId).toBe('string');
    const legacy = await sendJson(backend.httpUrl, 'POST', '/events', { event: { event_id: 'ev-2', session_id: SID, event_name: 'legacy' } });
    expect(legacy.json()).toEqual({ event_id: 'ev-2', success: true });
    expect(backend.events().map((e) => [e.event_name, e.event_type, e.createdVia, e.duration])).toEqual([
      ['completion', 'model', 'v1', 25],
      ['legacy', 'tool', 'legacy', 0],
    ]);
    // An event update addresses created events too.
    await sendJson(backend.httpUrl, 'PUT', '/v1/events/ev-2', { outputs: { ok: 1 } });
    expect(backend.events()[1]!.outputs).toEqual({ ok: 1 });
  });

  test('session_id is required; the legacy route needs the wrapper', async () => {
    expect((await sendJson(backend.httpUrl, 'POST', '/v1/events', { event_name: 'x' })).json().error).toMatch(/session_id is required/);
    expect((await sendJson(backend.httpUrl, 'POST', '/events', { session_id: SID })).status).toBe(400);
    expect(backend.events()).toHaveLength(0);
  });
});

describe('session tree', () => {
  async function buildScenario(): Promise<void> {
    await sendJson(backend.httpUrl, 'POST', '/v1/sessions', {
      session_id: SID,
      session_name: 'demo-session',
      source: 'test',
      inputs: { question: 'why' },
      start_time: 1700000000000,
    });
    // Sent out of order: children must come back sorted by start time.
    await postOtlpJson(backend.httpUrl, [
      span('0000000000000003', 'search', 30, 40, [str('honeyhive_error', 'ValueError: boom')], { parentSpanId: '0000000000000001' }),
      span('0000000000000002', 'openai.chat', 10, 25, [
        str('honeyhive_event_type', 'model'),
        str('honeyhive_event_name', 'llm_call'),
        str('honeyhive_inputs.messages.0.role', 'user'),
        str('honeyhive_inputs.messages.0.content', 'hi'),
        str('honeyhive_inputs.messages.1.role', 'assistant'),
        str('honeyhive_inputs.sparse.0', 'a'),
        str('honeyhive_inputs.sparse.2', 'c'),
        int('honeyhive_metrics.tokens', 12),
        str('honeyhive_outputs.result', 'hello'),
        str('honeyhive_config.model', 'gpt'),
        str('honeyhive_metadata.run_id', 'run-1'),
        str('honeyhive_feedback.liked', 'yes'),
        str('honeyhive_user_properties.plan', 'pro'),
      ], { parentSpanId: '0000000000000001' }),
      span('0000000000000001', 'agent_step', 5, 50, [str('honeyhive_event_type', 'chain')], { parentSpanId: 'ffffffffffffffff' }),
      span('0000000000000004', 'status_error', 45, 48, [], { parentSpanId: '0000000000000001', status: { code: 2, message: 'failed hard' } }),
      // A span of another session must not appear.
      { traceId: TRACE, spanId: '0000000000000009', name: 'other', attributes: [str('honeyhive.session_id', 'other-session')] },
    ]);
    await sendJson(backend.httpUrl, 'POST', '/v1/events', { session_id: SID, event_id: 'ev-under-llm', parent_id: '0000000000000002', event_name: 'tool_call', start_time: 1700000000020, duration: 1 });
    await sendJson(backend.httpUrl, 'POST', '/v1/events', { session_id: SID, event_id: 'ev-root', event_type: 'chain', event_name: 'manual', start_time: 1700000000060, duration: 2 });
    await sendJson(backend.httpUrl, 'PUT', '/v1/events/0000000000000002', { metadata: { enriched: true }, outputs: { replaced: 1 } });
    await sendJson(backend.httpUrl, 'PUT', `/v1/events/${SID}`, { metrics: { score: 0.9 } });
  }

  test('spans grouped by honeyhive.session_id, nested by parent, un-flattened, with errors and created events', async () => {
    await buildScenario();
    const tree = backend.sessionTree(SID)!;
    expect(tree).toMatchObject({
      event_id: SID,
      event_type: 'session',
      session_name: 'demo-session',
      source: 'test',
      inputs: { question: 'why' },
      metrics: { score: 0.9 },
      span_count: 4,
      event_count: 2,
      start_time: 1700000000000,
      duration: 62,
    });
    expect(tree.children.map((c) => c.event_name)).toEqual(['agent_step', 'manual']);
    const agent = tree.children[0]!;
    expect(agent).toMatchObject({ event_type: 'chain', parent_id: SID, duration: 45, error: null, origin: 'span' });
    expect(agent.children.map((c) => c.event_name)).toEqual(['llm_call', 'search', 'status_error']);
    const [llm, search, statusError] = agent.children;
    expect(llm).toMatchObject({
      event_id: '0000000000000002',
      event_type: 'model',
      parent_id: '0000000000000001',
      inputs: { messages: [{ role: 'user', content: 'hi' }, { role: 'assistant' }], sparse: { 0: 'a', 2: 'c' } },
      outputs: { replaced: 1 },
      metrics: { tokens: 12 },
      config: { model: 'gpt' },
      metadata: { run_id: 'run-1', enriched: true },
      feedback: { liked: 'yes' },
      user_properties: { plan: 'pro' },
      duration: 15,
    });
    expect(Array.isArray(llm!.inputs.sparse)).toBe(false);
    expect(llm!.children.map((c) => [c.event_id, c.origin])).toEqual([['ev-under-llm', 'event']]);
    expect(search).toMatchObject({ event_type: 'tool', error: 'ValueError: boom' });
    expect(statusError!.error).toBe('failed hard');
    expect(tree.children[1]).toMatchObject({ event_id: 'ev-root', origin: 'event', event_type: 'chain' });
  });

  test('GET /v1/sessions/{id} and legacy GET /session/{id} return the tree as JSON; unknown → 404', async () => {
    await buildScenario();
    const current = await send(backend.httpUrl, 'GET', `/v1/sessions/${SID}`, { headers: AUTH });
    const legacy = await send(backend.httpUrl, 'GET', `/session/${SID}`, { headers: AUTH });
    expect(current.status).toBe(200);
    expect(current.json()).toEqual(legacy.json());
    expect(current.json()).toEqual(JSON.parse(JSON.stringify(backend.sessionTree(SID))));
    expect((await send(backend.httpUrl, 'GET', '/v1/sessions/nope', { headers: AUTH })).status).toBe(404);
  });

  test('a session seen only on spans (traceloop twin key) gets a tree; bigint values survive JSON', async () => {
    await postOtlpJson(backend.httpUrl, [
      {
        traceId: TRACE,
        spanId: '00000000000000aa',
        name: 'lonely',
        attributes: [
          str('traceloop.association.properties.session_id', 'implicit'),
          str('honeyhive.source', 'ci'),
          { key: 'honeyhive_metrics.big', value: { intValue: '9007199254740993' } },
        ],
      },
    ]);
    expect(backend.session('implicit')).toMatchObject({ createdVia: 'spans', source: 'ci', session_name: null });
    const reply = await send(backend.httpUrl, 'GET', '/v1/sessions/implicit', { headers: AUTH });
    expect(reply.json().children[0].metrics).toEqual({ big: '9007199254740993' });
  });

  test('renderSessionTree prints one indented line per node with ✗ and the error', async () => {
    await buildScenario();
    expect(renderSessionTree(backend.sessionTree(SID)!).split('\n')).toEqual([
      `session demo-session (62.0 ms) [${SID}]`,
      '  chain agent_step (45.0 ms)',
      '    model llm_call (15.0 ms)',
      '      tool tool_call (1.0 ms)',
      '    tool search (10.0 ms) ✗ ValueError: boom',
      '    tool status_error (3.0 ms) ✗ failed hard',
      '  chain manual (2.0 ms)',
    ]);
  });
});

test('onSessionComplete receives the tree once the session is idle', async () => {
  const trees: SessionTree[] = [];
  const own = await startLocalBackend({ sessionIdleMs: 50, onSessionComplete: (tree) => trees.push(tree) });
  try {
    await postOtlpJson(own.httpUrl, [span('0000000000000001', 'only', 0, 1, [])]);
    const tree = await own.waitFor(() => trees[0]);
    expect(tree.session_id).toBe(SID);
    expect(tree.children.map((c) => c.event_name)).toEqual(['only']);
  } finally {
    await own.stop();
  }
});
