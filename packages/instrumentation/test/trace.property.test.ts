import fc from 'fast-check';
import { trace } from '../src';
import type { MaskFunction, TraceOptions } from '../src';
import { setupTracing } from './support/tracing';
import type { TestTracing } from './support/tracing';

let tracing: TestTracing;

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => tracing.reset());
afterAll(() => tracing.shutdown());

/** Wraps `value` (deeply, on read) in proxies that count every write attempt. */
function watchWrites(value: unknown, writes: { count: number }, seen = new WeakMap<object, object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  const cached = seen.get(value);
  if (cached !== undefined) return cached;
  const proxy = new Proxy(value, {
    get: (target, key) => watchWrites(Reflect.get(target, key), writes, seen),
    set: () => {
      writes.count += 1;
      return false;
    },
    defineProperty: () => {
      writes.count += 1;
      return false;
    },
    deleteProperty: () => {
      writes.count += 1;
      return false;
    },
    setPrototypeOf: () => {
      writes.count += 1;
      return false;
    },
  });
  seen.set(value, proxy);
  return proxy;
}

/** A hostile value, made fresh in each run; printable in a counterexample (the value itself may not be). */
interface Hostile {
  readonly label: string;
  readonly make: () => unknown;
}

const hostileMakers: Array<() => unknown> = [
  () =>
    new Proxy(
      {},
      {
        get() {
          throw new Error('get trap');
        },
        ownKeys() {
          throw new Error('ownKeys trap');
        },
        getPrototypeOf() {
          throw new Error('proto trap');
        },
      },
    ),
  () => {
    const circular: Record<string, unknown> = { name: 'loop' };
    circular.self = circular;
    return circular;
  },
  () =>
    Object.defineProperty({}, 'boom', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    }),
  () => Object.create(null) as unknown,
  () => new Map<unknown, unknown>([[{}, 1], ['k', new Set([1, 2n])]]),
  () => Symbol('s'),
  () => 10n,
  () => new Uint8Array(4),
  () => ({ then: 5 }),
  () => ({ [Symbol.asyncIterator]: 'not a function' }),
];

/** Values built to trip up capture code: throwing getters and traps, cycles, exotic objects. */
const hostile = fc.constantFrom<Hostile>(...hostileMakers.map((make, i) => ({ label: `hostile #${i}`, make })));

function isHostile(value: unknown): value is Hostile {
  return value !== null && typeof value === 'object' && hostileMakers.includes((value as Hostile).make);
}

/** The value a generated argument stands for. */
function materialize(value: unknown): unknown {
  return isHostile(value) ? value.make() : value;
}

const argument = fc.oneof(fc.anything(), hostile);

const options: fc.Arbitrary<Partial<TraceOptions>> = fc.record(
  {
    captureInputs: fc.boolean(),
    captureOutputs: fc.boolean(),
    legacyInputShape: fc.boolean(),
    paramNames: fc.array(fc.string(), { maxLength: 3 }),
    mask: fc.constantFrom<MaskFunction>(
      (_key, value) => value,
      () => undefined,
      () => {
        throw new Error('mask failure');
      },
    ),
    metadata: fc.dictionary(fc.string(), fc.anything()),
    eventName: fc.string(),
  },
  { requiredKeys: [] },
);

describe('trace() properties', () => {
  it('never throws, never changes arguments or the result, runs fn exactly once', () => {
    fc.assert(
      fc.property(fc.array(argument, { maxLength: 5 }), argument, options, (generatedArgs, generatedResult, extra) => {
        const args = generatedArgs.map(materialize);
        const result = materialize(generatedResult);
        const writes = { count: 0 };
        const watched = args.map((arg) => watchWrites(arg, writes));
        const watchedResult = watchWrites(result, writes);
        let calls = 0;
        let received: unknown[] = [];
        const fn = function (...given: unknown[]) {
          calls += 1;
          received = given;
          return watchedResult;
        };
        const returned = trace(fn, { ...extra, tracer: tracing.tracer })(...watched);
        expect(Object.is(returned, watchedResult)).toBe(true);
        expect(calls).toBe(1);
        expect(received).toHaveLength(watched.length);
        received.forEach((value, i) => expect(Object.is(value, watched[i])).toBe(true));
        expect(writes.count).toBe(0);
        tracing.reset();
      }),
      { numRuns: 300 },
    );
  });

  it('rethrows exactly what was thrown', () => {
    fc.assert(
      fc.property(argument, options, (generated, extra) => {
        const thrown = materialize(generated);
        let calls = 0;
        const fn = () => {
          calls += 1;
          throw thrown;
        };
        let caught: unknown = Symbol('nothing caught');
        try {
          trace(fn, { ...extra, tracer: tracing.tracer })();
        } catch (e) {
          caught = e;
        }
        expect(Object.is(caught, thrown)).toBe(true);
        expect(calls).toBe(1);
        expect(tracing.spans()).toHaveLength(1);
        tracing.reset();
      }),
      { numRuns: 200 },
    );
  });

  it('settles async functions exactly as the untraced function does', async () => {
    const outcome = async (run: () => Promise<unknown>) => {
      try {
        return { rejected: false, value: await run() };
      } catch (e) {
        return { rejected: true, value: e };
      }
    };
    await fc.assert(
      fc.asyncProperty(argument, fc.boolean(), options, async (generated, reject, extra) => {
        const value = materialize(generated);
        const fn = async () => {
          await Promise.resolve();
          if (reject) throw value;
          return value;
        };
        const expected = await outcome(fn);
        const actual = await outcome(trace(fn, { ...extra, tracer: tracing.tracer }));
        expect(actual.rejected).toBe(expected.rejected);
        if (!Object.is(actual.value, expected.value)) {
          // only when the runtime itself failed to adopt a hostile value (its `then` getter threw):
          // both runs then fail with an equal, freshly thrown error
          expect(expected.value).not.toBe(value);
          expect(actual.value).toBeInstanceOf(Error);
          expect((actual.value as Error).message).toBe((expected.value as Error).message);
        }
        tracing.reset();
      }),
      { numRuns: 150 },
    );
  });
});
