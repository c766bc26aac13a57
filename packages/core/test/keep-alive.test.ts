import { KeepAlive } from '../src/keep-alive';

// Whether the process really stays alive is proven with child processes (tooling/reliability,
// api-calls.test.ts); here: when a hold is taken and released.

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('KeepAlive', () => {
  it('holds nothing for a promise nobody awaits', async () => {
    const keepAlive = new KeepAlive();
    const work = deferred<number>();
    void keepAlive.whenAwaited(work.promise);
    await turn();
    expect(keepAlive.held).toBe(0);
    work.resolve(1);
  });

  it('holds the process from the moment user code awaits until the work settles, and passes the value through', async () => {
    const keepAlive = new KeepAlive();
    const work = deferred<string>();
    const wrapped = keepAlive.whenAwaited(work.promise);
    const awaited = (async () => await wrapped)();
    await turn();
    expect(keepAlive.held).toBe(1);
    work.resolve('value');
    expect(await awaited).toBe('value');
    await turn();
    expect(keepAlive.held).toBe(0);
  });

  it.each([
    ['then', (p: Promise<unknown>) => p.then(() => undefined)],
    ['catch', (p: Promise<unknown>) => p.catch(() => undefined)],
    ['finally', (p: Promise<unknown>) => p.finally(() => undefined)],
    ['Promise.all', (p: Promise<unknown>) => Promise.all([p])],
  ])('counts %s as awaiting; rejections pass through', async (_name, use) => {
    const keepAlive = new KeepAlive();
    const work = deferred<unknown>();
    const derived = use(keepAlive.whenAwaited(work.promise));
    await turn();
    expect(keepAlive.held).toBe(1);
    work.reject(new Error('passes through'));
    await derived.catch(() => undefined);
    await turn();
    expect(keepAlive.held).toBe(0);
  });

  it('keeps one hold per awaited promise and derives plain promises', async () => {
    const keepAlive = new KeepAlive();
    const a = deferred<number>();
    const b = deferred<number>();
    const pa = keepAlive.whenAwaited(a.promise);
    const pb = keepAlive.whenAwaited(b.promise);
    const derived = pa.then((n) => n + 1);
    void pa.then(() => undefined); // a second `then` takes no second hold
    void pb.then(() => undefined);
    expect(Object.getPrototypeOf(derived)).toBe(Promise.prototype);
    expect(pa).toBeInstanceOf(Promise);
    await turn();
    expect(keepAlive.held).toBe(2);
    a.resolve(1);
    expect(await derived).toBe(2);
    await turn();
    expect(keepAlive.held).toBe(1);
    b.resolve(2);
    await pb;
    await turn();
    expect(keepAlive.held).toBe(0);
  });
});
