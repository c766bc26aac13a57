import { Readable } from 'node:stream';
import { effect, reactive } from '@vue/reactivity';
import { GETTER_MARKER, OUTPUT_RESULT_KEY, PROXY_MARKER, SecretRedaction } from '@honeyhive/utils';
import { enrichSpan, trace } from '../src';
import { attributesUnder, setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

// What tracing does to the values a traced function is given, returns and is enriched with: it runs none of
// their code, reads a bounded number of entries whatever their size, and redacts secrets.

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

describe('capture runs no user code', () => {
  it('a one-shot getter passed to a traced function: the function sees the value', () => {
    let reads = 0;
    const ticket = {
      id: 7,
      get code() {
        reads += 1;
        return reads === 1 ? 'fresh' : 'consumed';
      },
    };
    const redeem = trace(function redeem(t: { code: string }) {
      return t.code;
    }, { tracer: tracing.tracer });
    expect(redeem(ticket)).toBe('fresh');
    expect(reads).toBe(1);
    expect(attributesUnder(tracing.span('redeem'), 'honeyhive_inputs')).toEqual({ 'honeyhive_inputs.t.id': 7, 'honeyhive_inputs.t.code': GETTER_MARKER });
  });

  it('a getter that mutates its object: tracing adds no key to the user object', () => {
    const order: Record<string, unknown> = { item: 'book' };
    Object.defineProperty(order, 'total', {
      enumerable: true,
      get() {
        order.computedAt = 'now';
        return 10;
      },
    });
    trace(function place(o: object) {
      return Object.keys(o);
    }, { tracer: tracing.tracer })(order);
    expect(Object.keys(order)).toEqual(['item', 'total']);
  });

  it('a reactive object (@vue/reactivity): capture reads nothing, so no effect is subscribed to it', () => {
    const state = reactive({ count: 1, user: { name: 'ann' } });
    const show = trace(function show(s: { count: number }, extra: unknown) {
      return extra === undefined ? s : undefined;
    }, { tracer: tracing.tracer });
    let runs = 0;
    effect(() => {
      runs += 1;
      // the traced call runs inside the effect: any property capture read would subscribe the effect to it
      show(state, undefined);
    });
    state.count = 2;
    state.user.name = 'bob';
    expect(runs).toBe(1);
    const spans = tracing.spans().filter((span) => span.name === 'show');
    expect(spans[0]?.attributes['honeyhive_inputs.s']).toBe(PROXY_MARKER);
    expect(spans[0]?.attributes[OUTPUT_RESULT_KEY]).toBe(PROXY_MARKER);
  });

  it('a Node Readable argument: its buffered rows are not exported and stay in the stream', () => {
    const rows = Readable.from([], { objectMode: true });
    rows.push({ row: 'first buffered row' });
    trace(function load(source: Readable) {
      return source.readableLength;
    }, { tracer: tracing.tracer })(rows);
    const span = tracing.span('load');
    expect(span.attributes['honeyhive_inputs.source']).toBe('[Readable]');
    expect(JSON.stringify(span.attributes)).not.toContain('first buffered row');
    expect(rows.read()).toEqual({ row: 'first buffered row' });
  });
});

describe('capture cost is bounded by the limit', () => {
  it('trace() and enrichSpan() with a huge array of holes and a sparse array read a bounded number of entries', () => {
    const sparse: unknown[] = [];
    sparse[1e9] = 'far away';
    const huge = new Array(5e7);
    huge[0] = 'first';
    const tracer = tracing.tracerWith({ maxAttributes: 100 });
    trace(function bulk(items: unknown[], more: unknown[]) {
      enrichSpan({ metadata: { a: new Array(5e7), s: sparse } }, { tracer });
      return items.length + more.length;
    }, { tracer })(huge, sparse);
    const span = tracing.span('bulk');
    expect(span.attributes['honeyhive_inputs.items.0']).toBe('first');
    // the item at index 1e9 lies beyond the entries capture may read
    expect(Object.values(span.attributes)).not.toContain('far away');
    expect(span.attributes[OUTPUT_RESULT_KEY]).toBe(5e7 + 1e9 + 1);
  });
});

describe('secrets are redacted', () => {
  const HH_KEY = 'hh_test_0a1b2c3d4e5f60718293a4b5c6d7e8f9';

  it('in arguments, results and enrichment, at every depth; the tracer key inside strings; token counts kept', () => {
    const tracer = tracing.tracerWith({ redaction: new SecretRedaction({ secrets: [HH_KEY] }) });
    const login = trace(function login(request: object, password: string) {
      if (request === undefined || password === '') return undefined;
      enrichSpan({ metadata: { api_key: HH_KEY, note: `used ${HH_KEY}` }, metrics: { total_tokens: 930 } }, { tracer });
      return { session: { token: 'session-token-value', user: 'ann' }, usage: { prompt_tokens: 12 } };
    }, { tracer });
    login({ honeyhiveApiKey: HH_KEY, headers: { Authorization: 'Bearer sk-live-123' } }, 'hunter2');
    const span = tracing.span('login');
    expect(span.attributes).toMatchObject({
      'honeyhive_inputs.request.honeyhiveApiKey': '<redacted>',
      'honeyhive_inputs.request.headers.Authorization': '<redacted>',
      'honeyhive_inputs.password': '<redacted>',
      'honeyhive_metadata.api_key': '<redacted>',
      'honeyhive_metadata.note': 'used <redacted>',
      'honeyhive_metrics.total_tokens': 930,
      [`${OUTPUT_RESULT_KEY}.session.token`]: '<redacted>',
      [`${OUTPUT_RESULT_KEY}.session.user`]: 'ann',
      [`${OUTPUT_RESULT_KEY}.usage.prompt_tokens`]: 12,
    });
    expect(JSON.stringify(span.attributes)).not.toMatch(/hh_test_|sk-live|hunter2|session-token-value/);
  });

  it('in what a traced function throws', () => {
    const tracer = tracing.tracerWith({ redaction: new SecretRedaction({ secrets: [HH_KEY] }) });
    const failing = trace(function connect() {
      throw new Error(`401 for key ${HH_KEY}`);
    }, { tracer });
    expect(() => failing()).toThrow(HH_KEY);
    const span = tracing.span('connect');
    expect(span.attributes['honeyhive_error']).toBe('401 for key <redacted>');
    expect(JSON.stringify({ attributes: span.attributes, events: span.events, status: span.status })).not.toContain(HH_KEY);
  });

  it('not when the tracer turns redaction off', () => {
    const tracer = tracing.tracerWith({ redaction: SecretRedaction.NONE });
    trace(function plain(password: string) {
      return password;
    }, { tracer })('hunter2');
    expect(tracing.span('plain').attributes['honeyhive_inputs.password']).toBe('hunter2');
  });
});
