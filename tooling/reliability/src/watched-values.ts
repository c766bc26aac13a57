import { Readable } from 'node:stream';

/**
 * Values whose every piece of user code counts its calls: getters, proxy traps, toJSON/toString/valueOf,
 * iterators, generators, stream pulls, overridden methods of Map/Set/Date/RegExp/typed-array subclasses.
 * Capture (span attributes, session and event bodies) must read them without running any of it, so after
 * tracing a call that was given, returned or enriched with them, {@link Watch.calls} stays empty.
 */
export class Watch {
  /** What ran, in order (`'<value>: <hook>'`). */
  readonly calls: string[] = [];

  note(what: string): void {
    this.calls.push(what);
  }

  reset(): void {
    this.calls.length = 0;
  }
}

/** A handler whose every trap notes itself, then does the default. */
function noisyHandler(watch: Watch, name: string): ProxyHandler<object> {
  return new Proxy(
    {},
    {
      get: (_handler, trap) => (...args: unknown[]) => {
        watch.note(`${name}: ${String(trap)}${trap === 'get' || trap === 'has' ? ` ${String(args[1])}` : ''}`);
        return (Reflect as unknown as Record<string, (...a: unknown[]) => unknown>)[String(trap)]!(...args);
      },
    },
  );
}

type Builder = (watch: Watch) => unknown;

/** Each entry builds a fresh value watched by `watch`. */
export const WATCHED_VALUES: ReadonlyArray<readonly [name: string, build: Builder]> = [
  [
    'own getter',
    (w) => ({
      plain: 1,
      get token(): string {
        w.note('own getter: token');
        return 'one-time';
      },
    }),
  ],
  [
    'getter that mutates its object',
    (w) => {
      const value: Record<string, unknown> = { a: 1 };
      Object.defineProperty(value, 'lazy', {
        enumerable: true,
        get() {
          w.note('mutating getter');
          value.added = true;
          return 2;
        },
      });
      return value;
    },
  ],
  ['proxy of an object', (w) => new Proxy({ count: 1, nested: { deep: true } }, noisyHandler(w, 'proxy of an object'))],
  ['proxy of an array', (w) => new Proxy([1, 2, 3], noisyHandler(w, 'proxy of an array'))],
  ['proxy of a function', (w) => new Proxy(function fn() {}, noisyHandler(w, 'proxy of a function'))],
  [
    'proxy as a prototype',
    (w) => {
      const value = Object.create(new Proxy({ inherited: 1 }, noisyHandler(w, 'proxy as a prototype'))) as Record<string, unknown>;
      Object.defineProperty(value, 'own', { value: 'x', enumerable: true, writable: true, configurable: true });
      return value;
    },
  ],
  [
    'conversions',
    (w) => ({
      text: 'kept',
      toJSON: () => w.note('toJSON'),
      toString: () => String(w.note('toString')),
      valueOf: () => w.note('valueOf'),
      [Symbol.toPrimitive]: () => w.note('toPrimitive'),
      get [Symbol.toStringTag]() {
        w.note('toStringTag');
        return 'Loud';
      },
    }),
  ],
  [
    'error with getters',
    (w) => {
      class LoudError extends Error {
        override get message(): string {
          w.note('error: message getter');
          return 'm';
        }
        override get name(): string {
          w.note('error: name getter');
          return 'LoudError';
        }
      }
      return new LoudError();
    },
  ],
  [
    'generator',
    (w) =>
      (function* numbers() {
        w.note('generator ran');
        yield 1;
      })(),
  ],
  [
    'async generator',
    (w) =>
      (async function* chunks() {
        w.note('async generator ran');
        yield 'a';
      })(),
  ],
  [
    'iterator object',
    (w) => {
      const iterator = [1, 2][Symbol.iterator]();
      const next = iterator.next.bind(iterator);
      Object.defineProperty(iterator, 'next', { value: () => (w.note('iterator: next'), next()), enumerable: true });
      return iterator;
    },
  ],
  [
    'async iterable (an SDK stream)',
    (w) => {
      class ChatStream {
        id = 'stream-1';
        [Symbol.asyncIterator](): AsyncIterator<string> {
          w.note('async iterable: iterator');
          return { next: async () => ({ value: undefined, done: true }) };
        }
      }
      return new ChatStream();
    },
  ],
  [
    'Node Readable',
    (w) => {
      // highWaterMark 0: Node itself never pulls more on its own (only a reader would)
      const stream = new Readable({
        objectMode: true,
        highWaterMark: 0,
        read() {
          w.note('Readable: _read');
        },
      });
      stream.push({ row: 'buffered' });
      return stream;
    },
  ],
  ['web ReadableStream', (w) => new ReadableStream({ pull: () => void w.note('ReadableStream: pull') }, { highWaterMark: 0 })],
  [
    'Map and Set subclasses',
    (w) => {
      class LoudMap<K, V> extends Map<K, V> {
        override entries(): MapIterator<[K, V]> {
          w.note('Map: entries');
          return super.entries();
        }
        override [Symbol.iterator](): MapIterator<[K, V]> {
          w.note('Map: iterator');
          return super[Symbol.iterator]();
        }
        override forEach(...args: Parameters<Map<K, V>['forEach']>): void {
          w.note('Map: forEach');
          super.forEach(...args);
        }
      }
      class LoudSet<T> extends Set<T> {
        override values(): SetIterator<T> {
          w.note('Set: values');
          return super.values();
        }
        override [Symbol.iterator](): SetIterator<T> {
          w.note('Set: iterator');
          return super[Symbol.iterator]();
        }
      }
      return { map: new LoudMap([['a', 1]]), set: new LoudSet(['x']) };
    },
  ],
  [
    'Date, RegExp and typed-array subclasses',
    (w) => {
      class LoudDate extends Date {
        override toISOString(): string {
          w.note('Date: toISOString');
          return 'x';
        }
      }
      class LoudRegExp extends RegExp {
        override get flags(): string {
          w.note('RegExp: flags');
          return '';
        }
      }
      class LoudBytes extends Uint8Array {
        override get length(): number {
          w.note('Uint8Array: length');
          return 0;
        }
      }
      return { when: new LoudDate(0), re: new LoudRegExp('a', 'g'), bytes: new LoudBytes(2) };
    },
  ],
  [
    'array with a getter item',
    (w) => {
      const array: unknown[] = [1];
      Object.defineProperty(array, 1, {
        enumerable: true,
        get() {
          w.note('array item getter');
          return 2;
        },
      });
      return array;
    },
  ],
];
