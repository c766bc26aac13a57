import {
  CIRCULAR_MARKER,
  DEFAULT_FLATTEN_LIMITS,
  GETTER_MARKER,
  MAX_DEPTH_MARKER,
  PROXY_MARKER,
  flattenAttributes,
  toAttributeValue,
} from '../src/flatten';

const flat = (value: unknown, prefix = 'p', options?: Parameters<typeof flattenAttributes>[2]) =>
  flattenAttributes(value, prefix, options).attributes;

describe('flattenAttributes: prefix and shape', () => {
  it('puts a top-level primitive under the prefix itself', () => {
    expect(flat('hello', 'honeyhive_outputs.result')).toEqual({ 'honeyhive_outputs.result': 'hello' });
    expect(flat(3, 'x')).toEqual({ x: 3 });
    expect(flat(false, 'x')).toEqual({ x: false });
  });

  it('turns nested objects into dotted keys and arrays into .<index>', () => {
    expect(flat({ a: 1, b: { c: 'x', d: [true, { e: 2 }] } }, 'honeyhive_inputs')).toEqual({
      'honeyhive_inputs.a': 1,
      'honeyhive_inputs.b.c': 'x',
      'honeyhive_inputs.b.d.0': true,
      'honeyhive_inputs.b.d.1.e': 2,
    });
  });

  it('with an empty prefix, emits keys without a leading dot and drops a bare primitive', () => {
    expect(flat({ a: { b: 1 } }, '')).toEqual({ 'a.b': 1 });
    const result = flattenAttributes('alone', '');
    expect(result.attributes).toEqual({});
    expect(result.dropped).toBe(1);
  });

  it('keeps key segments that contain dots as they are', () => {
    expect(flat({ 'a.b': { 'c.d': 1 } })).toEqual({ 'p.a.b.c.d': 1 });
  });

  it('emits no key for null, undefined, empty objects and empty arrays', () => {
    expect(flat(null)).toEqual({});
    expect(flat(undefined)).toEqual({});
    expect(flat({ a: null, b: undefined, c: {}, d: [], e: 1 })).toEqual({ 'p.e': 1 });
    // eslint-disable-next-line no-sparse-arrays
    expect(flat([1, , 3])).toEqual({ 'p.0': 1, 'p.2': 3 });
  });

  it('stores a __proto__ key as data without touching the prototype', () => {
    const value = JSON.parse('{"__proto__": "x", "a": 1}');
    const out = flattenAttributes(value, '').attributes;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true);
    expect(Object.getOwnPropertyDescriptor(out, '__proto__')?.value).toBe('x');
    expect(out.a).toBe(1);
  });

  it('does not change the input', () => {
    const input = { a: [1, 2], b: { c: new Date(0) } };
    const copy = structuredClone(input);
    flat(input);
    expect(input).toEqual(copy);
  });
});

describe('flattenAttributes: value types', () => {
  it('keeps finite numbers and booleans, turns NaN and infinities into strings', () => {
    expect(flat({ n: 1.5, z: -0, t: true, nan: NaN, inf: Infinity, ninf: -Infinity })).toEqual({
      'p.n': 1.5,
      'p.z': -0,
      'p.t': true,
      'p.nan': 'NaN',
      'p.inf': 'Infinity',
      'p.ninf': '-Infinity',
    });
  });

  it('turns Dates into ISO strings and invalid Dates into "Invalid Date"', () => {
    const when = new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6));
    expect(flat({ when, bad: new Date('nope') })).toEqual({ 'p.when': when.toISOString(), 'p.bad': 'Invalid Date' });
  });

  it('turns bigints into decimal strings and symbols into their description text', () => {
    expect(flat({ big: 12345678901234567890n, sym: Symbol('x'), anon: Symbol() })).toEqual({
      'p.big': '12345678901234567890',
      'p.sym': 'Symbol(x)',
      'p.anon': 'Symbol()',
    });
  });

  it('summarises functions as [Function name]', () => {
    function named() {}
    expect(flat({ f: named, g: () => 1, h: class Foo {} })).toEqual({
      'p.f': '[Function named]',
      'p.g': '[Function g]',
      'p.h': '[Function Foo]',
    });
    expect(flat([(() => () => 1)()])).toEqual({ 'p.0': '[Function (anonymous)]' });
  });

  it('gives Errors a message and a type, never a stack', () => {
    class RateLimitError extends Error {}
    const out = flat({ err: new RateLimitError('slow down'), plain: new TypeError('bad') });
    expect(out).toEqual({
      'p.err.message': 'slow down',
      'p.err.type': 'RateLimitError',
      'p.plain.message': 'bad',
      'p.plain.type': 'TypeError',
    });
    expect(Object.keys(out).some((key) => key.includes('stack'))).toBe(false);
    expect(flat(new Error('top'), 'honeyhive_outputs.result')).toEqual({
      'honeyhive_outputs.result.message': 'top',
      'honeyhive_outputs.result.type': 'Error',
    });
  });

  it('expands Maps by their primitive keys and drops object keys', () => {
    const map = new Map<unknown, unknown>([
      ['a', 1],
      [2, { b: 'x' }],
      [true, 't'],
      [{ obj: 1 }, 'lost'],
    ]);
    const result = flattenAttributes({ map }, 'p');
    expect(result.attributes).toEqual({ 'p.map.a': 1, 'p.map.2.b': 'x', 'p.map.true': 't' });
    expect(result.dropped).toBe(1);
  });

  it('expands Sets like arrays', () => {
    expect(flat(new Set(['a', 'b', { c: 1 }]))).toEqual({ 'p.0': 'a', 'p.1': 'b', 'p.2.c': 1 });
  });

  it('summarises binary data instead of expanding it', () => {
    const big = new Uint8Array(4 * 1024 * 1024);
    const out = flat({
      bytes: new Uint8Array(16),
      floats: new Float64Array(3),
      buffer: Buffer.from('hello'),
      raw: new ArrayBuffer(8),
      view: new DataView(new ArrayBuffer(5)),
      big,
    });
    expect(out).toEqual({
      'p.bytes': '[Uint8Array(16)]',
      'p.floats': '[Float64Array(3)]',
      'p.buffer': '[Buffer(5)]',
      'p.raw': '[ArrayBuffer(8)]',
      'p.view': '[DataView(5)]',
      'p.big': `[Uint8Array(${big.length})]`,
    });
  });

  it('uses own enumerable properties of class instances, not prototype members', () => {
    class Point {
      hidden!: number;
      constructor(
        public x: number,
        public y: number,
      ) {
        Object.defineProperty(this, 'hidden', { value: 1, enumerable: false });
      }
      get norm() {
        return Math.hypot(this.x, this.y);
      }
      method() {
        return 1;
      }
    }
    expect(flat(new Point(3, 4))).toEqual({ 'p.x': 3, 'p.y': 4 });
  });

  it('ignores symbol-keyed properties', () => {
    expect(flat({ [Symbol('s')]: 1, a: 2 })).toEqual({ 'p.a': 2 });
  });

  it('shows RegExps, URLs and boxed primitives as their values', () => {
    expect(
      flat({ re: /a+b/gi, url: new URL('https://example.com/x?y=1'), s: new String('s'), n: new Number(2) }),
    ).toEqual({ 'p.re': '/a+b/gi', 'p.url': 'https://example.com/x?y=1', 'p.s': 's', 'p.n': 2 });
  });

  it('expands objects with a null prototype', () => {
    const bare = Object.create(null);
    bare.k = 'v';
    expect(flat({ bare })).toEqual({ 'p.bare.k': 'v' });
  });
});

describe('flattenAttributes: cycles and hostile objects', () => {
  it('marks a reference back to an ancestor as [Circular]', () => {
    const node: Record<string, unknown> = { name: 'root' };
    node.self = node;
    node.list = [1, node];
    expect(flat(node)).toEqual({ 'p.name': 'root', 'p.self': CIRCULAR_MARKER, 'p.list.0': 1, 'p.list.1': CIRCULAR_MARKER });
  });

  it('expands a shared (non-circular) object at every place it appears', () => {
    const shared = { v: 1 };
    expect(flat({ a: shared, b: shared })).toEqual({ 'p.a.v': 1, 'p.b.v': 1 });
  });

  it('handles cycles through Maps and Sets', () => {
    const map = new Map<string, unknown>();
    map.set('me', map);
    const set = new Set<unknown>();
    set.add(set);
    expect(flat({ map, set })).toEqual({ 'p.map.me': CIRCULAR_MARKER, 'p.set.0': CIRCULAR_MARKER });
  });

  it('records a getter as [Getter] without calling it, and goes on', () => {
    let calls = 0;
    const value = { before: 1, after: 2 } as Record<string, unknown>;
    Object.defineProperty(value, 'boom', {
      enumerable: true,
      get() {
        calls += 1;
        throw new Error('no access');
      },
    });
    expect(flat(value)).toEqual({ 'p.before': 1, 'p.after': 2, 'p.boom': GETTER_MARKER });
    expect(calls).toBe(0);
  });

  it('records a Proxy as [Proxy] without running any of its traps', () => {
    const fired: string[] = [];
    const handler = new Proxy({}, { get: (_target, trap) => (...args: unknown[]) => {
      fired.push(String(trap));
      return (Reflect as unknown as Record<string, (...a: unknown[]) => unknown>)[String(trap)]!(...args);
    } });
    const hostile = new Proxy({ a: 1, b: [2] }, handler);
    const result = flattenAttributes({ ok: 1, hostile, list: new Proxy([1, 2], handler), fn: new Proxy(() => 1, handler) }, 'p');
    expect(result.attributes).toEqual({ 'p.ok': 1, 'p.hostile': PROXY_MARKER, 'p.list': PROXY_MARKER, 'p.fn': PROXY_MARKER });
    expect(flat(hostile)).toEqual({ p: PROXY_MARKER });
    expect(fired).toEqual([]);
  });

  it('survives a revoked Proxy and records an Error whose message is a getter as [Getter]', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    const error = new Error('x');
    Object.defineProperty(error, 'message', {
      get() {
        throw new Error('message denied');
      },
    });
    const out = flat({ proxy, error });
    expect(out['p.proxy']).toBe(PROXY_MARKER);
    expect(out['p.error.message']).toBe(GETTER_MARKER);
    expect(out['p.error.type']).toBe('Error');
  });

  it('never throws even when the options object is hostile', () => {
    const options = new Proxy(
      {},
      {
        get() {
          throw new Error('options');
        },
      },
    );
    expect(flattenAttributes({ a: 1 }, 'p', options).attributes).toEqual({ 'p.a': 1 });
  });
});

describe('flattenAttributes: limits', () => {
  it('has the documented defaults', () => {
    expect(DEFAULT_FLATTEN_LIMITS).toEqual({ maxDepth: 10, maxAttributes: 1024, maxStringLength: 65536 });
  });

  it('replaces containers below maxDepth with [Max depth] and counts them', () => {
    const deep = { a: { b: { c: { d: 1 } } } };
    const result = flattenAttributes(deep, 'p', { maxDepth: 2 });
    expect(result.attributes).toEqual({ 'p.a.b': MAX_DEPTH_MARKER });
    expect(result.dropped).toBe(1);
    expect(flattenAttributes(deep, 'p', { maxDepth: 3 }).attributes).toEqual({ 'p.a.b.c': MAX_DEPTH_MARKER });
    expect(flattenAttributes(deep, 'p', { maxDepth: 4 }).attributes).toEqual({ 'p.a.b.c.d': 1 });
    expect(flattenAttributes(deep, 'p', { maxDepth: 0 }).attributes).toEqual({ p: MAX_DEPTH_MARKER });
  });

  it('applies the default depth of 10', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < 12; i += 1) value = { n: value };
    const result = flattenAttributes(value, 'p');
    const [key] = Object.keys(result.attributes);
    expect(result.attributes[key as string]).toBe(MAX_DEPTH_MARKER);
    expect((key as string).split('.').length - 1).toBe(DEFAULT_FLATTEN_LIMITS.maxDepth);
  });

  it('emits at most maxAttributes keys and counts the rest as dropped', () => {
    const value = Array.from({ length: 50 }, (_, i) => i);
    const result = flattenAttributes(value, 'p', { maxAttributes: 10 });
    expect(Object.keys(result.attributes)).toHaveLength(10);
    expect(result.attributes['p.9']).toBe(9);
    expect(result.attributes['p.10']).toBeUndefined();
    expect(result.dropped).toBe(40);
  });

  it('counts a skipped subtree once at the attribute limit', () => {
    const result = flattenAttributes({ a: 1, b: { c: 2, d: 3 }, e: 4 }, 'p', { maxAttributes: 1 });
    expect(result.attributes).toEqual({ 'p.a': 1 });
    expect(result.dropped).toBe(2);
  });

  it('applies the default attribute limit of 1024', () => {
    const value = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]));
    const result = flattenAttributes(value, 'p');
    expect(Object.keys(result.attributes)).toHaveLength(DEFAULT_FLATTEN_LIMITS.maxAttributes);
    expect(result.dropped).toBe(2000 - DEFAULT_FLATTEN_LIMITS.maxAttributes);
  });

  it('cuts long strings with a visible marker, never beyond maxStringLength', () => {
    const text = 'x'.repeat(1000);
    const result = flattenAttributes({ text, short: 'ok' }, 'p', { maxStringLength: 100 });
    const cut = result.attributes['p.text'] as string;
    expect(cut.length).toBeLessThanOrEqual(100);
    const match = /…\[truncated (\d+) chars\]$/.exec(cut);
    expect(match).not.toBeNull();
    const kept = cut.length - (match as RegExpExecArray)[0].length;
    expect(kept + Number((match as RegExpExecArray)[1])).toBe(text.length);
    expect(cut.slice(0, kept)).toBe(text.slice(0, kept));
    expect(result.attributes['p.short']).toBe('ok');
    expect(result.truncated).toBe(1);
  });

  it('leaves a string of exactly maxStringLength untouched', () => {
    const result = flattenAttributes('y'.repeat(64), 'p', { maxStringLength: 64 });
    expect(result.attributes.p).toBe('y'.repeat(64));
    expect(result.truncated).toBe(0);
  });

  it('applies the default string limit', () => {
    const result = flattenAttributes('z'.repeat(70000), 'p');
    const cut = result.attributes.p as string;
    expect(cut.length).toBeLessThanOrEqual(DEFAULT_FLATTEN_LIMITS.maxStringLength);
    expect(cut).toContain('…[truncated ');
    expect(result.truncated).toBe(1);
  });

  it('does not split a surrogate pair when cutting', () => {
    const text = '😀'.repeat(100);
    const cut = flattenAttributes(text, 'p', { maxStringLength: 50 }).attributes.p as string;
    expect(cut.length).toBeLessThanOrEqual(50);
    const body = cut.slice(0, cut.indexOf('…'));
    expect(body.length % 2).toBe(0);
    expect(body).toBe('😀'.repeat(body.length / 2));
  });

  it('hard-cuts without a marker when the marker itself does not fit', () => {
    const result = flattenAttributes('abcdefghij', 'p', { maxStringLength: 4 });
    expect(result.attributes.p).toBe('abcd');
    expect(result.truncated).toBe(1);
  });

  it('falls back to defaults for invalid limits', () => {
    const result = flattenAttributes({ a: 1 }, 'p', { maxAttributes: Number.NaN, maxDepth: -1 });
    expect(result.attributes).toEqual({ 'p.a': 1 });
  });
});

describe('toAttributeValue', () => {
  it('converts single scalars by the flatten rules', () => {
    expect(toAttributeValue('s')).toBe('s');
    expect(toAttributeValue(2)).toBe(2);
    expect(toAttributeValue(true)).toBe(true);
    expect(toAttributeValue(NaN)).toBe('NaN');
    expect(toAttributeValue(10n)).toBe('10');
    expect(toAttributeValue(Symbol('q'))).toBe('Symbol(q)');
    expect(toAttributeValue(new Date(0))).toBe('1970-01-01T00:00:00.000Z');
    expect(toAttributeValue(new Uint16Array(2))).toBe('[Uint16Array(2)]');
    expect(toAttributeValue(function fn() {})).toBe('[Function fn]');
  });

  it('returns undefined for null, undefined and containers', () => {
    expect(toAttributeValue(null)).toBeUndefined();
    expect(toAttributeValue(undefined)).toBeUndefined();
    expect(toAttributeValue({ a: 1 })).toBeUndefined();
    expect(toAttributeValue([1])).toBeUndefined();
  });

  it('cuts long strings', () => {
    const value = toAttributeValue('a'.repeat(500), { maxStringLength: 60 }) as string;
    expect(value.length).toBeLessThanOrEqual(60);
    expect(value).toContain('…[truncated ');
  });

  it('never throws on a revoked proxy', () => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    expect(toAttributeValue(proxy)).toBe(PROXY_MARKER);
  });
});

describe('a capture started inside another one (from a mask)', () => {
  it('sees only its own containers: no false [Circular], and the outer capture still finds its own cycles', () => {
    const shared = { a: { b: 1 } };
    const loop: Record<string, unknown> = { shared };
    loop.self = loop;
    const inner: Array<Record<string, unknown>> = [];
    const mask = (key: string, value: unknown) => {
      // runs while the outer capture is inside loop and shared: the inner one captures shared from its top
      if (key === 'b') inner.push(flattenAttributes(shared, 'in').attributes);
      return value;
    };
    const outer = flattenAttributes(loop, 'out', { mask });
    expect(inner).toEqual([{ 'in.a.b': 1 }]);
    expect(outer.attributes).toEqual({ 'out.shared.a.b': 1, 'out.self': CIRCULAR_MARKER });
    // and nothing is left over for the next capture
    expect(flattenAttributes(shared, 'next').attributes).toEqual({ 'next.a.b': 1 });
  });
});
