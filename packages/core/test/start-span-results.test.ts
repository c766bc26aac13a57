import { ATTR } from '@honeyhive/utils';
import { trace } from '@opentelemetry/api';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { TestTracer, resetOtelGlobals } from './helpers/test-tracer';

// startSpan(name, fn) hands back what fn returned, as lazy as it was; a result never consumed ends its span
// as abandoned, counted in stats(). (Unhandled rejections through startSpan: instrumentation's
// rejection-visibility child test runs the same scenarios through startSpan.)

let t: TestTracer;

beforeEach(() => {
  t = new TestTracer({ testMode: true, project: 'results', source: 'unit', flushOnExit: false, registerGlobal: false });
});
afterEach(async () => {
  await t.shutdown();
  resetOtelGlobals();
});

/** A lazy thenable (a query builder's shape): the work runs when then() is called, once per call. */
class LazyQuery {
  runs = 0;
  activeAtRun: string | undefined;
  where(): this {
    return this;
  }
  then<A, B = never>(onFulfilled?: (rows: string[]) => A, onRejected?: (error: unknown) => B): Promise<A | B> {
    this.runs += 1;
    this.activeAtRun = trace.getActiveSpan()?.spanContext().spanId;
    return Promise.resolve(['row']).then(onFulfilled, onRejected);
  }
}

async function spanNamed(name: string) {
  await t.flush();
  return t.getTestSpans().find((span) => span.name === name);
}

describe('startSpan with a function returning a lazy thenable', () => {
  it('returns the same object, does not start it, and ends the span when the caller awaits it', async () => {
    const made = new LazyQuery();
    const query = t.startSpan('query', () => made);
    expect(query).toBe(made);
    expect(made.runs).toBe(0);
    expect(await spanNamed('query')).toBeUndefined();
    await expect(query.where()).resolves.toEqual(['row']);
    expect(made.runs).toBe(1);
    const span = await spanNamed('query');
    expect(made.activeAtRun).toBe(span?.spanContext().spanId);
    expect(span?.attributes[ATTR.ABANDONED]).toBeUndefined();
  });

  it('ends the span of a result never awaited as abandoned, counted in stats()', async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    (() => {
      t.startSpan('forgotten', () => new LazyQuery());
    })();
    const deadline = Date.now() + 30_000;
    while (t.stats().abandoned === 0) {
      if (Date.now() > deadline) throw new Error('the abandoned span never ended');
      gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const span = await spanNamed('forgotten');
    expect(span?.attributes[ATTR.ABANDONED]).toBe(true);
    expect(t.stats()).toMatchObject({ abandoned: 1, ended: 1 });
  });
});
