/**
 * Values a host application may pass to a traced function, return from it or put in metadata, chosen because
 * they break naive serialisation: cycles, huge strings, deep nesting, throwing getters, proxies that throw on
 * every trap, revoked proxies, typed arrays, objects whose conversions throw. Each entry builds a fresh value.
 */
export const HOSTILE_VALUES: ReadonlyArray<readonly [name: string, build: () => unknown]> = [
  [
    'cycle',
    () => {
      const node: Record<string, unknown> = { name: 'root', list: [] as unknown[] };
      node.self = node;
      (node.list as unknown[]).push(node, { parent: node });
      return node;
    },
  ],
  ['huge string (4 MiB)', () => 'x'.repeat(4 * 1024 * 1024)],
  ['huge array', () => Array.from({ length: 100_000 }, (_, i) => i)],
  [
    'deep object (10,000 levels)',
    () => {
      let value: Record<string, unknown> = { leaf: true };
      for (let i = 0; i < 10_000; i++) value = { down: value };
      return value;
    },
  ],
  [
    'deep array (10,000 levels)',
    () => {
      let value: unknown[] = [1];
      for (let i = 0; i < 10_000; i++) value = [value];
      return value;
    },
  ],
  [
    'throwing getter',
    () =>
      Object.defineProperty({ fine: 1 }, 'boom', {
        enumerable: true,
        get() {
          throw new Error('getter exploded');
        },
      }),
  ],
  [
    'proxy throwing on every trap',
    () =>
      new Proxy(
        {},
        {
          get: () => {
            throw new Error('proxy get');
          },
          has: () => {
            throw new Error('proxy has');
          },
          ownKeys: () => {
            throw new Error('proxy ownKeys');
          },
          getOwnPropertyDescriptor: () => {
            throw new Error('proxy descriptor');
          },
          getPrototypeOf: () => {
            throw new Error('proxy prototype');
          },
        },
      ),
  ],
  [
    'revoked proxy',
    () => {
      const { proxy, revoke } = Proxy.revocable({ a: 1 }, {});
      revoke();
      return proxy;
    },
  ],
  [
    'conversions throw',
    () => ({
      toJSON() {
        throw new Error('toJSON');
      },
      toString() {
        throw new Error('toString');
      },
      [Symbol.toPrimitive]() {
        throw new Error('toPrimitive');
      },
    }),
  ],
  ['typed arrays', () => ({ u8: new Uint8Array(1_000_000), f64: new Float64Array([NaN, -0, Infinity]), big: new BigInt64Array([1n, -1n]), view: new DataView(new ArrayBuffer(8)) })],
  ['bare ArrayBuffer', () => new ArrayBuffer(16)],
  ['null prototype', () => Object.assign(Object.create(null) as object, { a: 1, nested: Object.create(null) })],
  ['collections', () => ({ map: new Map<unknown, unknown>([[{}, 1], ['k', new Set([1, 2])]]), set: new Set([Symbol('s')]), weak: new WeakMap() })],
  ['symbols and bigint', () => ({ [Symbol('key')]: 1, sym: Symbol('value'), big: 2n ** 80n })],
  ['functions and classes', () => ({ fn: () => 1, cls: class Foo {}, bound: Math.max.bind(null) })],
  ['dates and regexps', () => ({ bad: new Date(Number.NaN), good: new Date(0), re: /x+/giu })],
  ['errors', () => Object.assign(new Error('user error'), { cause: new TypeError('inner'), extra: { deep: [1] } })],
  ['sparse and holey', () => [1, , 3, , , 6]], // eslint-disable-line no-sparse-arrays
  ['many keys (50,000)', () => Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, i]))],
  ['odd keys', () => ({ '': 1, '.': 2, 'a.b': 3, '__proto__': 4, constructor: 5, '\u0000\ud800': 6 })],
];
