import { parseParamNames } from '../src';

/** Names as parsed: a name, `arg` for positional, `...name` for rest; undefined when parsing gave up. */
function names(fn: Function): string[] | undefined {
  const specs = parseParamNames(fn);
  return specs?.map((spec) => `${spec.rest ? '...' : ''}${spec.name ?? 'arg'}`);
}

/** A function built from source text, as if shipped in that exact form (e.g. by a minifier). */
function fromSource<F extends Function>(source: string): F {
  return new Function(`return (${source});`)() as F;
}

describe('parseParamNames', () => {
  it('reads plain parameters of function declarations and expressions', () => {
    function plain(alpha: number, beta: string) {
      return [alpha, beta];
    }
    expect(names(plain)).toEqual(['alpha', 'beta']);
    expect(names(fromSource('function (first, second) { return first + second; }'))).toEqual(['first', 'second']);
    expect(names(function none() {})).toEqual([]);
  });

  it('reads defaults, including object, array, arrow, template and string defaults with commas', () => {
    const fn = fromSource(
      "function withDefaults(a = 1, b = {x: 1, y: [2, 3]}, c = (p, q) => p + q, d = `t,${'e'}`, e = 'x,(y', f = [1, 2]) {}",
    );
    expect(names(fn)).toEqual(['a', 'b', 'c', 'd', 'e', 'f']);
  });

  it('reads rest parameters', () => {
    expect(names(fromSource('function (head, ...tail) {}'))).toEqual(['head', '...tail']);
    expect(names(fromSource('(...all) => all'))).toEqual(['...all']);
    expect(names(fromSource('function ([a, b], ...[c, d]) {}'))).toEqual(['arg', '...arg']);
  });

  it('uses positional keys for destructured parameters', () => {
    expect(names(fromSource('function ({ a, b }, [x, y], plain) {}'))).toEqual(['arg', 'arg', 'plain']);
    expect(names(fromSource('({ a = 1, b: { c } } = {}, z) => z'))).toEqual(['arg', 'z']);
  });

  it('reads arrow functions with and without parentheses, async or not', () => {
    expect(names(fromSource('value => value'))).toEqual(['value']);
    expect(names(fromSource('async value => value'))).toEqual(['value']);
    expect(names(fromSource('async => async'))).toEqual(['async']);
    expect(names(fromSource('(left, right) => left + right'))).toEqual(['left', 'right']);
    expect(names(fromSource('async (query, options = {}) => query'))).toEqual(['query', 'options']);
  });

  it('reads async, generator and async generator functions', () => {
    expect(names(fromSource('async function fetchIt(url, init) {}'))).toEqual(['url', 'init']);
    expect(names(fromSource('function* gen(count) {}'))).toEqual(['count']);
    expect(names(fromSource('async function * agen(source, limit) {}'))).toEqual(['source', 'limit']);
  });

  it('reads object and class methods, including computed, quoted, static and accessor forms', () => {
    const key = 'dyn';
    const obj = {
      method(input: unknown, flag: boolean) {
        return [input, flag];
      },
      async asyncMethod(prompt: string) {
        return prompt;
      },
      *genMethod(n: number) {
        yield n;
      },
      [`${key}(x)`](computed: number) {
        return computed;
      },
      'quoted name'(quoted: number) {
        return quoted;
      },
    };
    expect(names(obj.method)).toEqual(['input', 'flag']);
    expect(names(obj.asyncMethod)).toEqual(['prompt']);
    expect(names(obj.genMethod)).toEqual(['n']);
    expect(names(obj['dyn(x)'])).toEqual(['computed']);
    expect(names(obj['quoted name'])).toEqual(['quoted']);
    const Klass = fromSource<new () => unknown>(
      'class K { static make(size, color) {} run(task) {} async *[Symbol.iterator](step) {} set value(v) {} }',
    ) as unknown as { make: Function; prototype: Record<string | symbol, Function> };
    expect(names(Klass.make)).toEqual(['size', 'color']);
    expect(names(Klass.prototype.run as Function)).toEqual(['task']);
    expect(names(Klass.prototype[Symbol.iterator] as Function)).toEqual(['step']);
    const setter = Object.getOwnPropertyDescriptor(Klass.prototype, 'value')?.set as Function;
    expect(names(setter)).toEqual(['v']);
  });

  it('ignores comments in the parameter list', () => {
    expect(names(fromSource('function (/* the input */ input, // trailing\n options /* last */) {}'))).toEqual([
      'input',
      'options',
    ]);
  });

  it('gives up (positional keys) for native, bound and class functions', () => {
    expect(parseParamNames(Math.max)).toBeUndefined();
    expect(parseParamNames(function named(a: number) {
      return a;
    }.bind(null))).toBeUndefined();
    expect(parseParamNames(class A {
      constructor(readonly a: number) {}
    })).toBeUndefined();
  });

  it('treats minified-looking parameter lists as positional', () => {
    expect(names(fromSource('function(a,b){return a+b}'))).toEqual(['arg', 'arg']);
    expect(names(fromSource('function(e,t,...n){return n}'))).toEqual(['arg', 'arg', '...arg']);
    // hand-written short names with spaces stay names
    expect(names(fromSource('function (a, b) { return a + b; }'))).toEqual(['a', 'b']);
    expect(names(fromSource('function(e){return e}'))).toEqual(['e']);
  });

  it('never throws, whatever the function', () => {
    const hostile = new Proxy(function target(a: number) {
      return a;
    }, {});
    expect(() => parseParamNames(hostile)).not.toThrow();
    const weird = function (x: number) {
      return x;
    };
    Object.defineProperty(weird, 'toString', { value: () => 'not source at all ((' });
    expect(names(weird)).toEqual(['x']);
    // a regex default with an unbalanced parenthesis confuses the scanner: no names, no throw
    expect(() => parseParamNames(fromSource('function (a = /\\(/, b) {}'))).not.toThrow();
  });
});
