import { Readable } from 'node:stream';
import { GETTER_MARKER, PROXY_MARKER, SecretRedaction, captureForJson, flattenAttributes } from '../src';

// Capture reads a user's value without running any of its code: no getter, proxy trap, toJSON, toString,
// iterator or overridden method of a built-in subclass. Every hook below counts its calls; all stay at 0.

const flat = (value: unknown) => flattenAttributes(value, 'p').attributes;

/** A handler whose every trap counts itself before doing the default. */
function countingHandler(fired: string[]): ProxyHandler<object> {
  return new Proxy({}, {
    get: (_handler, trap) => (...args: unknown[]) => {
      fired.push(String(trap));
      return (Reflect as unknown as Record<string, (...a: unknown[]) => unknown>)[String(trap)]!(...args);
    },
  });
}

describe('capture runs no user code', () => {
  it('never calls a getter: a one-shot token stays unconsumed, a mutating getter changes nothing', () => {
    let reads = 0;
    const login = {
      user: 'ann',
      get token() {
        reads += 1;
        return reads === 1 ? 'one-time-value' : 'already used';
      },
    };
    const lazy: Record<string, unknown> = { a: 1 };
    Object.defineProperty(lazy, 'computed', {
      enumerable: true,
      get() {
        lazy.cache = 'filled by the getter';
        return 2;
      },
    });
    const redaction = SecretRedaction.NONE;
    expect(flattenAttributes({ login, lazy }, 'p', { redaction }).attributes).toEqual({ 'p.login.user': 'ann', 'p.login.token': GETTER_MARKER, 'p.lazy.a': 1, 'p.lazy.computed': GETTER_MARKER });
    expect(captureForJson({ login, lazy }, { redaction }).value).toEqual({ login: { user: 'ann', token: GETTER_MARKER }, lazy: { a: 1, computed: GETTER_MARKER } });
    expect(reads).toBe(0);
    expect(Object.keys(lazy)).toEqual(['a', 'computed']);
    expect(login.token).toBe('one-time-value');
  });

  it('runs no trap of a proxy, wherever it is: value, nested, array, function, prototype of an object', () => {
    const fired: string[] = [];
    const handler = countingHandler(fired);
    const onProto = Object.create(new Proxy({ inherited: 1 }, handler)) as Record<string, unknown>;
    onProto.own = 'x';
    class Model {
      field = 1;
    }
    Object.setPrototypeOf(Model.prototype, new Proxy({}, handler));
    const value = {
      state: new Proxy({ count: 1, nested: { deep: true } }, handler),
      list: new Proxy([1, 2, 3], handler),
      fn: new Proxy(function named() {}, handler),
      onProto,
      model: new Model(),
      error: Object.assign(Object.create(new Proxy(Error.prototype, handler)) as object, { message: 'm' }),
    };
    fired.length = 0; // building the values above set properties through the proxies
    const attributes = flat(value);
    expect(attributes).toMatchObject({ 'p.state': PROXY_MARKER, 'p.list': PROXY_MARKER, 'p.fn': PROXY_MARKER, 'p.onProto.own': 'x', 'p.model.field': 1 });
    captureForJson(value);
    expect(flat(value.state)).toEqual({ p: PROXY_MARKER });
    expect(fired).toEqual([]);
  });

  it('calls no toJSON, toString, valueOf, Symbol.toPrimitive or Symbol.toStringTag getter', () => {
    const calls: string[] = [];
    const loud = {
      text: 'kept',
      toJSON: () => calls.push('toJSON'),
      toString: () => String(calls.push('toString')),
      valueOf: () => calls.push('valueOf'),
      [Symbol.toPrimitive]: () => calls.push('toPrimitive'),
      get [Symbol.toStringTag]() {
        calls.push('toStringTag');
        return 'Loud';
      },
    };
    class Loud extends Error {
      override get message(): string {
        calls.push('message');
        return 'from a getter';
      }
      override get name(): string {
        calls.push('name');
        return 'LoudError';
      }
    }
    expect(flat({ loud })['p.loud.text']).toBe('kept');
    expect(captureForJson({ loud }).value).toMatchObject({ loud: { text: 'kept' } });
    expect(flat(new Loud())).toEqual({ 'p.message': GETTER_MARKER, 'p.type': 'Loud' });
    expect(JSON.stringify(captureForJson({ error: new Loud() }).value)).toBe('{"error":{"message":"[Getter]","type":"Loud"}}');
    expect(calls).toEqual([]);
  });

  it('reads Maps and Sets through the built-in iterators, never a subclass override', () => {
    const calls: string[] = [];
    class LoudMap<K, V> extends Map<K, V> {
      override entries(): MapIterator<[K, V]> {
        calls.push('entries');
        return super.entries();
      }
      override forEach(...args: Parameters<Map<K, V>['forEach']>): void {
        calls.push('forEach');
        super.forEach(...args);
      }
      override [Symbol.iterator](): MapIterator<[K, V]> {
        calls.push('iterator');
        return super[Symbol.iterator]();
      }
      override get size(): number {
        calls.push('size');
        return super.size;
      }
    }
    class LoudSet<T> extends Set<T> {
      override values(): SetIterator<T> {
        calls.push('values');
        return super.values();
      }
      override [Symbol.iterator](): SetIterator<T> {
        calls.push('set iterator');
        return super[Symbol.iterator]();
      }
    }
    const value = { map: new LoudMap([['a', 1], ['b', 2]]), set: new LoudSet(['x', 'y']) };
    calls.length = 0; // the constructors call set()/add(), not what is tested
    expect(flat(value)).toEqual({ 'p.map.a': 1, 'p.map.b': 2, 'p.set.0': 'x', 'p.set.1': 'y' });
    expect(captureForJson(value).value).toEqual({ map: { a: 1, b: 2 }, set: ['x', 'y'] });
    expect(calls).toEqual([]);
  });

  it('calls no overridden method of a Date, RegExp, URL, typed array or function subclass', () => {
    const calls: string[] = [];
    class LoudDate extends Date {
      override toISOString(): string {
        calls.push('toISOString');
        return 'x';
      }
      override getTime(): number {
        calls.push('getTime');
        return 0;
      }
    }
    class LoudRegExp extends RegExp {
      override get flags(): string {
        calls.push('flags');
        return '';
      }
      override get global(): boolean {
        calls.push('global');
        return false;
      }
      override get source(): string {
        calls.push('source');
        return '';
      }
    }
    class LoudUrl extends URL {}
    Object.defineProperty(LoudUrl.prototype, 'href', {
      get() {
        calls.push('href');
        return 'x';
      },
    });
    class LoudBytes extends Uint8Array {
      override get length(): number {
        calls.push('length');
        return 0;
      }
    }
    class Named {
      static get name(): string {
        calls.push('name');
        return 'x';
      }
    }
    const value = { when: new LoudDate(0), re: new LoudRegExp('a+', 'gi'), url: new LoudUrl('https://example.com/a'), bytes: new LoudBytes(4), cls: Named };
    expect(flat(value)).toEqual({
      'p.when': '1970-01-01T00:00:00.000Z',
      'p.re': '/a+/gi',
      'p.url': 'https://example.com/a',
      'p.bytes': '[LoudBytes(4)]',
      'p.cls': '[Function (anonymous)]',
    });
    captureForJson(value);
    expect(calls).toEqual([]);
  });

  it('records generators and iterators as placeholders without advancing them', () => {
    let produced = 0;
    function* numbers() {
      produced += 1;
      yield 1;
      yield 2;
    }
    async function* chunks() {
      produced += 1;
      yield 'a';
    }
    const generator = numbers();
    const arrayIterator = [1, 2][Symbol.iterator]();
    const mapIterator = new Map([['k', 'v']]).entries();
    const asyncGenerator = chunks();
    const value = { generator, arrayIterator, mapIterator, asyncGenerator };
    expect(flat(value)).toEqual({
      'p.generator': '[Generator]',
      'p.arrayIterator': '[Iterator]',
      'p.mapIterator': '[Map Iterator]',
      'p.asyncGenerator': '[AsyncGenerator]',
    });
    expect(captureForJson(value).value).toEqual({ generator: '[Generator]', arrayIterator: '[Iterator]', mapIterator: '[Map Iterator]', asyncGenerator: '[AsyncGenerator]' });
    expect(produced).toBe(0);
    expect(generator.next()).toEqual({ value: 1, done: false });
    expect(arrayIterator.next()).toEqual({ value: 1, done: false });
    expect(mapIterator.next()).toEqual({ value: ['k', 'v'], done: false });
  });

  it('records streams as placeholders: no buffered rows exported, nothing consumed or locked', async () => {
    const rows = Readable.from([], { objectMode: true });
    rows.push({ secretRow: 'buffered row 1' });
    rows.push({ secretRow: 'buffered row 2' });
    const web = new ReadableStream({ start: (controller) => controller.enqueue('web chunk') });
    let iterated = 0;
    class ChatStream {
      controller = new AbortController();
      [Symbol.asyncIterator](): AsyncIterator<string> {
        iterated += 1;
        return { next: async () => ({ value: undefined, done: true }) };
      }
    }
    const value = { rows, web, chat: new ChatStream() };
    const attributes = flat(value);
    expect(attributes).toEqual({ 'p.rows': '[Readable]', 'p.web': '[ReadableStream]', 'p.chat': '[AsyncIterable ChatStream]' });
    expect(JSON.stringify(captureForJson(value).value)).toBe('{"rows":"[Readable]","web":"[ReadableStream]","chat":"[AsyncIterable ChatStream]"}');
    expect(iterated).toBe(0);
    expect(web.locked).toBe(false);
    expect(rows.readableFlowing).toBeNull();
    expect(rows.read()).toEqual({ secretRow: 'buffered row 1' });
  });

  it('captureForJson gives a value JSON.stringify serialises without running user code', () => {
    const cyclic: Record<string, unknown> = { name: 'root', big: 10n, sym: Symbol('s'), when: new Date(0), nan: NaN, nothing: undefined, empty: null };
    cyclic.self = cyclic;
    cyclic.list = [1, , 3]; // eslint-disable-line no-sparse-arrays
    const copy = captureForJson(cyclic).value;
    expect(JSON.parse(JSON.stringify(copy))).toEqual({
      name: 'root',
      big: '10',
      sym: 'Symbol(s)',
      when: '1970-01-01T00:00:00.000Z',
      nan: 'NaN',
      empty: null,
      self: '[Circular]',
      list: [1, null, 3],
    });
  });
});
