import { flattenAttributes } from '../src/flatten';
import { recordEntries, recordEntriesToSink, recordOutputToSink, outputAttributes } from '../src/captured-attributes';
import { inferEventType, detectEventType } from '../src/event-types';
import { internalizedKey } from '../src/internalize';
import { KEY_CACHE_LIMIT, cachedKeyCount, childKeyNode, childKeyNodeAt, indexKeyNode, rootKeyNode } from '../src/key-cache';

describe('key cache', () => {
  it('hands back the same node (and key string) for the same path', () => {
    const root = rootKeyNode('honeyhive_inputs');
    const first = childKeyNode(indexKeyNode(childKeyNode(root, 'messages'), 3), 'content');
    const again = childKeyNode(indexKeyNode(childKeyNode(rootKeyNode('honeyhive_inputs'), 'messages'), 3), 'content');
    expect(first.key).toBe('honeyhive_inputs.messages.3.content');
    expect(again).toBe(first);
  });

  it('joins below an empty prefix without a leading dot', () => {
    expect(childKeyNode(rootKeyNode(''), 'a').key).toBe('a');
    expect(indexKeyNode(rootKeyNode(''), 0).key).toBe('0');
  });

  it('keeps index and string segments apart but with the same key text', () => {
    const root = rootKeyNode('p');
    expect(indexKeyNode(root, 1).key).toBe(childKeyNode(root, '1').key);
  });

  it('stays bounded: it starts over past its limit, and keys stay right', () => {
    const root = rootKeyNode('bounded');
    for (let i = 0; i < KEY_CACHE_LIMIT + 10; i += 1) childKeyNode(root, `k${i}`);
    expect(cachedKeyCount()).toBeLessThanOrEqual(KEY_CACHE_LIMIT);
    expect(childKeyNode(rootKeyNode('bounded'), 'k1').key).toBe('bounded.k1');
  });

  it('finds a child by the position of its key, and the right one when the keys at that position change', () => {
    const root = rootKeyNode('positions');
    const shapes = [['role', 'content'], ['content', 'role'], ['name', 'role', 'content'], ['role', 'content']];
    for (let round = 0; round < 3; round += 1) {
      for (const keys of shapes) {
        keys.forEach((segment, position) => {
          const node = childKeyNodeAt(root, segment, position);
          expect(node).toBe(childKeyNode(root, segment));
          expect(node.key).toBe(`positions.${segment}`);
        });
      }
    }
  });

  it('finds long segments by position too, without keeping them', () => {
    const root = rootKeyNode('long-at');
    const segment = 'y'.repeat(1000);
    expect(childKeyNodeAt(root, segment, 0).key).toBe(`long-at.${segment}`);
    expect(childKeyNodeAt(root, segment, 0).key).toBe(`long-at.${segment}`);
    expect(childKeyNodeAt(root, 'short', 0).key).toBe('long-at.short');
  });

  it('does not keep very long segments', () => {
    const root = rootKeyNode('long');
    const segment = 'x'.repeat(1000);
    const node = childKeyNode(root, segment);
    expect(node.key).toBe(`long.${segment}`);
    expect(childKeyNode(root, segment)).not.toBe(node);
  });
});

describe('flattening through the key cache', () => {
  it('gives the same attributes on every call, also for values that change shape', () => {
    const values = [{ a: { b: 1 }, list: ['x', 'y'] }, { a: { c: true } }, { a: { b: 2 }, list: ['z'] }];
    const expected = [
      { 'p.a.b': 1, 'p.list.0': 'x', 'p.list.1': 'y' },
      { 'p.a.c': true },
      { 'p.a.b': 2, 'p.list.0': 'z' },
    ];
    for (let round = 0; round < 3; round += 1) {
      values.forEach((value, i) => expect(flattenAttributes(value, 'p').attributes).toEqual(expected[i]));
    }
  });

  it('null and undefined give nothing, with any options', () => {
    expect(flattenAttributes(undefined, 'p', { maxAttributes: 0 })).toEqual({ attributes: {}, truncated: 0, dropped: 0, read: 0 });
    expect(flattenAttributes(null, 'p', { maxAttributes: 5 })).toEqual({ attributes: {}, truncated: 0, dropped: 0, read: 0 });
    expect(outputAttributes(undefined, undefined, 1024)).toEqual({});
  });

  it('a shared budget counts distinct keys, also when two paths give the same key', () => {
    const dotted = {};
    recordEntries(dotted, [['a', { 'b.c': 1, b: { c: 2 } }], ['z', 'last']], 'p', undefined, 2);
    expect(dotted).toEqual({ 'p.a.b.c': 2, 'p.z': 'last' });
    const mapped = {};
    recordEntries(mapped, [['m', new Map<unknown, string>([[1, 'x'], ['1', 'y']])], ['z', 'last']], 'p', undefined, 2);
    expect(mapped).toEqual({ 'p.m.1': 'y', 'p.z': 'last' });
    const plain = {};
    recordEntries(plain, [['a', { b: 1, c: 2 }], ['z', 'dropped']], 'p', undefined, 2);
    expect(plain).toEqual({ 'p.a.b': 1, 'p.a.c': 2 });
  });

  it('recordEntries keeps `<prefix>.<key>`, an empty prefix included', () => {
    const out = {};
    recordEntries(out, [['a', 1], ['b', { c: 'd' }]], '', undefined, 10);
    expect(out).toEqual({ '.a': 1, '.b.c': 'd' });
  });
});

describe('recording to a sink', () => {
  const collect = () => {
    const got: Record<string, unknown> = {};
    return { got, sink: (key: string, value: unknown) => void (got[key] = value) };
  };
  const inputs: Array<[string, unknown]> = [
    ['messages', [{ role: 'user', content: 'x'.repeat(10) }, { role: 'assistant', content: null }]],
    ['params', { model: 'm', n: 2, nested: { deep: [1, { a: true }] } }],
    ['dup', { 'b.c': 1, b: { c: 2 } }],
    ['map', new Map<unknown, unknown>([[1, 'x'], ['1', 'y'], ['k', new Date(0)]])],
    ['z', 'last'],
  ];

  it('gives the same attributes as recordEntries, for any budget', () => {
    for (const budget of [0, 1, 2, 3, 5, 8, 100]) {
      const out = {};
      recordEntries(out, inputs, 'honeyhive_inputs', undefined, budget);
      const { got, sink } = collect();
      recordEntriesToSink(sink, inputs, 'honeyhive_inputs', undefined, budget);
      expect(got).toEqual(out);
    }
  });

  it('applies the mask like recordEntries (a throwing mask records nothing for that key)', () => {
    const mask = (key: string, value: unknown) => {
      if (key === 'params') throw new Error('no');
      return key === 'z' ? '***' : value;
    };
    const out = {};
    recordEntries(out, inputs, 'p', mask, 100);
    const { got, sink } = collect();
    recordEntriesToSink(sink, inputs, 'p', mask, 100);
    expect(got).toEqual(out);
    expect(got).toHaveProperty(['p.z'], '***');
  });

  it('gives the same output attributes as outputAttributes', () => {
    for (const value of [undefined, null, 'text', 42, { choices: [{ message: { content: 'hi' } }], usage: { total: 3 } }]) {
      const { got, sink } = collect();
      recordOutputToSink(sink, value, undefined, 1024);
      expect(got).toEqual(outputAttributes(value, undefined, 1024));
    }
  });

  it('rethrows what the sink threw, after handing over every entry', () => {
    const seen: string[] = [];
    const sink = (key: string) => {
      seen.push(key);
      if (key === 'p.a') throw new Error('sink broke');
    };
    expect(() => recordEntriesToSink(sink, [['a', 1], ['b', 2]], 'p', undefined, 10)).toThrow('sink broke');
    expect(seen).toEqual(['p.a', 'p.b']);
  });
});

describe('inferEventType', () => {
  it('is detectEventType without the explicit type and the honeyhive_event_type attribute', () => {
    const cases: Array<Record<string, unknown>> = [
      { honeyhive_event_type: 'chain' },
      { honeyhive_event_type: 'chain', 'gen_ai.operation.name': 'chat' },
      { 'openinference.span.kind': 'AGENT' },
      { 'traceloop.span.kind': 'tool', honeyhive_event_type: 'model' },
      { 'llm.model_name': 'x' },
      {},
    ];
    for (const attributes of cases) {
      const { honeyhive_event_type: _ignored, ...rest } = attributes;
      expect(inferEventType(attributes)).toBe(detectEventType(rest));
    }
  });

  it('never throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); } });
    expect(inferEventType(hostile)).toBe('tool');
    expect(inferEventType(null as never)).toBe('tool');
  });
});

describe('internalizedKey', () => {
  it('returns an equal string', () => {
    const built = ['traceloop', 'association', 'x'].join('.');
    expect(internalizedKey(built)).toBe('traceloop.association.x');
    expect(internalizedKey('7')).toBe('7');
    expect(internalizedKey('')).toBe('');
  });
});

describe('distinct keys counted per capture', () => {
  it('counts only the keys of the capture itself once a key may repeat (nothing left over from an earlier capture)', () => {
    // the first capture stores p.a and p.w.x; the second meets a dotted segment (keys may repeat from then on)
    // and must still count p.w.x as a new key of its own, which fills its budget of three before p.w.y
    const first: Record<string, string | number | boolean> = {};
    expect(recordEntries(first, [['a', 1], ['w', { x: 1 }]], 'p', undefined, 10)).toBe(2);
    const second: Record<string, string | number | boolean> = {};
    recordEntries(second, [['z', 0], ['v', { 'a.b': 1 }], ['w', { x: 2, y: 3 }]], 'p', undefined, 3);
    expect(second).toEqual({ 'p.z': 0, 'p.v.a.b': 1, 'p.w.x': 2 });
  });

  it('counts a key reached twice once, in a capture that follows a long one', () => {
    const wide: Record<string, number> = {};
    for (let i = 0; i < 50; i += 1) wide[`k${i}`] = i;
    recordEntries({}, [['w', wide]], 'q', undefined, 100);
    const out: Record<string, string | number | boolean> = {};
    // 'a.b' and a.b give one key: two distinct keys fit a budget of two
    recordEntries(out, [['v', { 'a.b': 1, a: { b: 2 } }], ['z', 3]], 'q', undefined, 2);
    expect(out).toEqual({ 'q.v.a.b': 2, 'q.z': 3 });
  });
});
