import fc from 'fast-check';
import { DEFAULT_FLATTEN_LIMITS, flattenAttributes, type FlattenResult } from '../src/flatten';
import { isDefaultSecretKey } from '../src/secret-redaction';

const RUNS = 300;

/** fast-check prints generated values; give hostile ones a printer it can call safely. */
function printable<T extends object>(value: T, label: string): T {
  Object.defineProperty(value, fc.toStringMethod, { value: () => label, enumerable: false });
  return value;
}

function isPrinterKey(key: PropertyKey): boolean {
  return key === fc.toStringMethod || key === fc.asyncToStringMethod;
}

/** Objects that fight back: throwing getters, proxies with throwing traps, revoked proxies, bad errors. */
const hostile: fc.Arbitrary<unknown> = fc.oneof(
  fc.tuple(fc.string(), fc.anything({ maxDepth: 1 })).map(([message, inner]) => {
    const value: Record<string, unknown> = { inner };
    Object.defineProperty(value, 'boom', {
      enumerable: true,
      get() {
        throw new Error(message);
      },
    });
    return printable(value, 'object with a throwing getter');
  }),
  fc.string().map((message) => {
    const trap = () => {
      throw new Error(message);
    };
    return new Proxy(
      {},
      {
        // symbol keys stay readable so fast-check can print and clone the value; string keys throw
        get: (_target, key) => (isPrinterKey(key) ? () => 'proxy with throwing traps' : typeof key === 'symbol' ? undefined : trap()),
        ownKeys: trap,
        getOwnPropertyDescriptor: trap,
        getPrototypeOf: trap,
        has: (_target, key) => (typeof key === 'symbol' ? isPrinterKey(key) : trap()),
      },
    );
  }),
  fc.string().map((message) =>
    new Proxy([1, 2, 3], {
      get(target, key) {
        if (isPrinterKey(key)) return () => 'array proxy throwing at [1]';
        if (key === '1') throw message;
        return Reflect.get(target, key);
      },
      has: (target, key) => isPrinterKey(key) || Reflect.has(target, key),
    }),
  ),
  fc.constant(null).map(() => {
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    return printable({ proxy }, 'holder of a revoked proxy');
  }),
  fc.string().map((message) => {
    const error = new Error(message);
    Object.defineProperty(error, 'message', {
      get() {
        throw {
          toString: () => {
            throw new Error('toString too');
          },
        };
      },
    });
    return printable(error, 'error with a throwing message');
  }),
  fc.constant(null).map(() => {
    const map = new Map<unknown, unknown>([[{ key: 'object' }, 1], ['ok', 2]]);
    return printable(Object.assign(map, { extra: 3 }), 'map with an object key');
  }),
);

const leaves: fc.Arbitrary<unknown>[] = [
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.bigInt(),
  fc.constant(null),
  fc.constant(undefined),
  fc.constantFrom(NaN, Infinity, -Infinity, -0),
  fc.string().map((description) => Symbol(description)),
  fc.constant(() => 1),
  fc.date({ noInvalidDate: false }),
  hostile,
];

const anything = fc.anything({
  maxDepth: 4,
  values: leaves,
  withBoxedValues: true,
  withMap: true,
  withSet: true,
  withObjectString: true,
  withNullPrototype: true,
  withBigInt: true,
  withDate: true,
  withTypedArray: true,
  withSparseArray: true,
});

/** Every plain object and array reachable from `root` (own enumerable keys, errors in getters ignored). */
function containers(root: unknown): object[] {
  const found: object[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== 'object' || seen.has(value)) continue;
    seen.add(value);
    try {
      if (!(Array.isArray(value) || Object.getPrototypeOf(value) === Object.prototype)) continue;
      if (Object.isFrozen(value)) continue;
      found.push(value);
      for (const key of Object.keys(value)) {
        const descriptor = Object.getOwnPropertyDescriptor(value, key);
        if (descriptor && 'value' in descriptor) stack.push(descriptor.value);
      }
    } catch {
      // a hostile proxy: skip it
    }
  }
  return found;
}

/** Wires references between the containers of `root` (including to themselves and to the root). */
function injectCycles(root: unknown, picks: readonly number[]): unknown {
  const holder = { root };
  const all = [holder, ...containers(root)];
  picks.forEach((pick, i) => {
    const target = all[pick % all.length] as Record<string, unknown> | unknown[];
    const source = all[Math.floor(pick / all.length) % all.length];
    if (Array.isArray(target)) target.push(source);
    else target[`cycle${i}`] = source;
  });
  return holder;
}

const limits = fc.record(
  {
    maxDepth: fc.integer({ min: 0, max: 6 }),
    maxAttributes: fc.integer({ min: 0, max: 60 }),
    maxStringLength: fc.integer({ min: 0, max: 120 }),
  },
  { requiredKeys: [] },
);

function checkResult(result: FlattenResult, maxAttributes: number, maxStringLength: number): void {
  const entries = Object.entries(result.attributes);
  expect(entries.length).toBeLessThanOrEqual(maxAttributes);
  for (const [key, value] of entries) {
    expect(typeof key).toBe('string');
    const type = typeof value;
    expect(['string', 'number', 'boolean']).toContain(type);
    if (type === 'number') expect(Number.isFinite(value)).toBe(true);
    if (type === 'string') expect((value as string).length).toBeLessThanOrEqual(maxStringLength);
  }
  expect(Number.isInteger(result.truncated) && result.truncated >= 0).toBe(true);
  expect(Number.isInteger(result.dropped) && result.dropped >= 0).toBe(true);
}

describe('flattenAttributes properties', () => {
  it('never throws and stays within the default limits on anything', () => {
    fc.assert(
      fc.property(anything, fc.string({ maxLength: 20 }), (value, prefix) => {
        const result = flattenAttributes(value, prefix);
        checkResult(result, DEFAULT_FLATTEN_LIMITS.maxAttributes, DEFAULT_FLATTEN_LIMITS.maxStringLength);
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws and stays within given limits on anything', () => {
    fc.assert(
      fc.property(anything, limits, (value, options) => {
        const result = flattenAttributes(value, 'honeyhive_inputs', options);
        checkResult(
          result,
          options.maxAttributes ?? DEFAULT_FLATTEN_LIMITS.maxAttributes,
          options.maxStringLength ?? DEFAULT_FLATTEN_LIMITS.maxStringLength,
        );
      }),
      { numRuns: RUNS },
    );
  });

  it('never throws and stays within limits on anything with cycles injected', () => {
    fc.assert(
      fc.property(
        anything,
        fc.array(fc.nat(), { minLength: 1, maxLength: 6 }),
        limits,
        (value, picks, options) => {
          const cyclic = injectCycles(value, picks);
          const result = flattenAttributes(cyclic, 'p', options);
          checkResult(
            result,
            options.maxAttributes ?? DEFAULT_FLATTEN_LIMITS.maxAttributes,
            options.maxStringLength ?? DEFAULT_FLATTEN_LIMITS.maxStringLength,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a direct self-reference is always marked [Circular] when there is room for it', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.integer(), { maxKeys: 5 }), (value) => {
        const node: Record<string, unknown> = { ...value };
        Object.defineProperty(node, 'self', { value: node, enumerable: true });
        const result = flattenAttributes(node, 'p');
        expect(result.attributes['p.self']).toBe('[Circular]');
      }),
      { numRuns: 100 },
    );
  });

  it('emits exactly the leaves of a flat object of strings (cut only when too long)', () => {
    fc.assert(
      fc.property(
        // keys that name a secret are redacted, not cut (secret-redaction.test.ts); a random key like "JWt" is one
        fc.dictionary(fc.string({ minLength: 1 }).filter((key) => !isDefaultSecretKey(key)), fc.string({ maxLength: 40 }), { maxKeys: 20 }),
        fc.integer({ min: 30, max: 60 }),
        (value, maxStringLength) => {
          const result = flattenAttributes(value, 'p', { maxStringLength });
          const keys = Object.keys(value);
          expect(Object.keys(result.attributes).sort()).toEqual(keys.map((key) => `p.${key}`).sort());
          let cut = 0;
          for (const key of keys) {
            const text = value[key] as string;
            const out = result.attributes[`p.${key}`] as string;
            if (text.length <= maxStringLength) expect(out).toBe(text);
            else {
              cut += 1;
              expect(out).toContain('…[truncated ');
            }
          }
          expect(result.truncated).toBe(cut);
          expect(result.dropped).toBe(0);
        },
      ),
      { numRuns: 200 },
    );
  });
});
