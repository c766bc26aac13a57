import { InstanceHooks, followSettlement } from '../src';

// followSettlement hands back the very object and reports its outcome without starting it early.
// The traced wrapper's and startSpan's tests use it on real libraries (knex, the openai client); these
// cover its own corners.

function observer() {
  const events: string[] = [];
  return {
    events,
    fulfilled: (value: unknown) => events.push(`fulfilled:${String(value)}`),
    rejected: (error: unknown) => events.push(`rejected:${(error as Error).message}`),
    abandoned: () => events.push('abandoned'),
  };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('followSettlement', () => {
  it('returns a native promise itself and reports its value', async () => {
    const seen = observer();
    const promise = Promise.resolve(3);
    expect(followSettlement(promise, seen)).toBe(promise);
    await promise;
    await tick();
    expect(seen.events).toEqual(['fulfilled:3']);
    expect(Object.getOwnPropertyNames(promise)).toEqual([]);
  });

  it('hands back a derived promise of the same outcome for a frozen promise (it cannot watch its consumers)', async () => {
    const seen = observer();
    const error = new Error('frozen no');
    const promise = Object.freeze(Promise.reject(error));
    const returned = followSettlement(promise, seen);
    expect(returned).not.toBe(promise);
    await expect(returned).rejects.toBe(error);
    expect(seen.events).toEqual(['rejected:frozen no']);
  });

  it('calls a lazy thenable once, when consumed, through callWith, and restores its own then', async () => {
    const seen = observer();
    let thenCalls = 0;
    const ownThen = function (this: unknown, onFulfilled: (value: string) => unknown) {
      thenCalls += 1;
      return Promise.resolve('v').then(onFulfilled);
    };
    const thenable = { then: ownThen };
    const wrapped: string[] = [];
    const returned = followSettlement(thenable, seen, { callWith: (start) => (wrapped.push('start'), start()) });
    expect(returned).toBe(thenable);
    expect(thenCalls).toBe(0);
    expect(Object.keys(thenable)).toEqual(['then']);
    await expect(Promise.resolve(returned)).resolves.toBe('v');
    expect(thenCalls).toBe(1);
    expect(wrapped).toEqual(['start']);
    expect(seen.events).toEqual(['fulfilled:v']);
    expect(thenable.then).toBe(ownThen);
  });

  it('reports a then() that throws as a rejection and rethrows it', () => {
    const seen = observer();
    const error = new Error('then broke');
    const thenable = {
      then() {
        throw error;
      },
    };
    followSettlement(thenable, seen);
    expect(() => thenable.then()).toThrow(error);
    expect(seen.events).toEqual(['rejected:then broke']);
  });

  it('never throws, even for a thenable whose then getter throws', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('hostile'); } });
    expect(followSettlement(hostile, observer())).toBe(hostile);
  });
});

describe('InstanceHooks', () => {
  it('puts back an own property exactly as it was, and deletes one that was inherited', () => {
    class Base {
      greet() {
        return 'base';
      }
    }
    const target = new Base() as Base & { label?: string };
    Object.defineProperty(target, 'label', { value: 'mine', enumerable: true, writable: false, configurable: true });
    const hooks = new InstanceHooks(target);
    expect(hooks.set('greet', () => 'hooked')).toBe(true);
    expect(hooks.set('label', 'hooked')).toBe(true);
    expect(target.greet()).toBe('hooked');
    hooks.restore();
    expect(Object.getOwnPropertyNames(target)).toEqual(['label']);
    expect(Object.getOwnPropertyDescriptor(target, 'label')).toEqual({ value: 'mine', enumerable: true, writable: false, configurable: true });
    expect(target.greet()).toBe('base');
  });

  it('refuses a frozen object without changing it', () => {
    const frozen = Object.freeze({ then: () => undefined });
    expect(new InstanceHooks(frozen).set('then', () => 1)).toBe(false);
  });
});
