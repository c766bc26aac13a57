import { compatibilityLine, processWide } from '../src/process-wide';

// Each call stands for one copy of a package evaluating its module: copies on one compatibility line must get the
// same state object, other lines their own.

const slots: symbol[] = [];
let counter = 0;

/** A name no other test uses, removed from globalThis after the test. */
function freshName(): string {
  counter += 1;
  const name = `test.process-wide.${counter}`;
  slots.push(Symbol.for(`honeyhive.${name}`));
  return name;
}

afterEach(() => {
  for (const key of slots.splice(0)) delete (globalThis as Record<symbol, unknown>)[key];
});

describe('compatibilityLine', () => {
  it.each([
    ['1.0.0', '1'],
    ['1.9.3', '1'],
    ['2.0.0', '2'],
    ['0.1.0', '0.1'],
    ['0.1.7', '0.1'],
    ['0.2.0', '0.2'],
    ['1.2.3+build.5', '1'],
    ['1.2.3-beta.1', '1.2.3-beta.1'],
    ['not a version', 'not a version'],
  ])('%s is on line %s', (version, line) => {
    expect(compatibilityLine(version)).toBe(line);
  });
});

describe('processWide', () => {
  it('gives every compatible copy the same state, made by the first', () => {
    const name = freshName();
    const first = processWide(name, '1.2.0', () => ({ tracers: new Set<string>() }));
    const second = processWide(name, '1.4.1', () => ({ tracers: new Set<string>() }));
    expect(first.shared).toBe(true);
    expect(second.shared).toBe(true);
    expect(second.state).toBe(first.state);
    first.state.tracers.add('a');
    expect([...second.state.tracers]).toEqual(['a']);
    expect(first.incompatibleVersions()).toEqual([]);
  });

  it('adds the fields a later copy knows and the shared state lacks, keeping the existing ones', () => {
    const name = freshName();
    const older = processWide<{ count: number; names?: string[] }>(name, '1.0.0', () => ({ count: 1 }));
    const newer = processWide<{ count: number; names?: string[] }>(name, '1.1.0', () => ({ count: 99, names: ['x'] }));
    expect(newer.state).toBe(older.state);
    expect(newer.state).toEqual({ count: 1, names: ['x'] });
  });

  it('keeps an incompatible copy apart, and each side can name the other', () => {
    const name = freshName();
    const one = processWide(name, '1.3.0', () => ({ value: 'one' }));
    const two = processWide(name, '2.0.1', () => ({ value: 'two' }));
    const zero = processWide(name, '0.4.0', () => ({ value: 'zero' }));
    const twoAgain = processWide(name, '2.1.0', () => ({ value: 'two again' }));
    expect(two.state).not.toBe(one.state);
    expect(zero.state).not.toBe(one.state);
    expect(twoAgain.state).toBe(two.state);
    expect(one.state.value).toBe('one');
    expect(two.state.value).toBe('two');
    expect(one.incompatibleVersions()).toEqual(['0.4.0', '2.0.1', '2.1.0']);
    expect(two.incompatibleVersions()).toEqual(['0.4.0', '1.3.0']);
    expect(two.shared && one.shared).toBe(true);
  });

  it('treats 0.x minors and prereleases as incompatible', () => {
    const name = freshName();
    const a = processWide(name, '0.1.0', () => ({}));
    const b = processWide(name, '0.2.0', () => ({}));
    const pre = processWide(name, '0.1.1-rc.1', () => ({}));
    const patch = processWide(name, '0.1.5', () => ({}));
    expect(b.state).not.toBe(a.state);
    expect(pre.state).not.toBe(a.state);
    expect(patch.state).toBe(a.state);
  });

  it('keeps the state on a non-enumerable global symbol', () => {
    const name = freshName();
    processWide(name, '1.0.0', () => ({}));
    const key = Symbol.for(`honeyhive.${name}`);
    expect(Object.getOwnPropertyDescriptor(globalThis, key)?.enumerable).toBe(false);
    expect(Object.keys(globalThis)).not.toContain(`honeyhive.${name}`);
  });

  it('falls back to a private state when the global slot holds something else, and never throws', () => {
    const name = freshName();
    (globalThis as Record<symbol, unknown>)[Symbol.for(`honeyhive.${name}`)] = 'taken';
    const copy = processWide(name, '1.0.0', () => ({ own: true }));
    expect(copy.shared).toBe(false);
    expect(copy.state).toEqual({ own: true });
    expect(copy.incompatibleVersions()).toEqual([]);
  });

  it('falls back to a private state when globalThis cannot be extended (a frozen realm)', () => {
    const name = freshName();
    const define = jest.spyOn(Object, 'defineProperty').mockImplementationOnce(() => {
      throw new TypeError('Cannot define property, object is not extensible');
    });
    try {
      const copy = processWide(name, '1.0.0', () => ({ own: true }));
      expect(define).toHaveBeenCalledTimes(1);
      expect(copy.shared).toBe(false);
      expect(copy.state).toEqual({ own: true });
    } finally {
      define.mockRestore();
    }
  });
});
