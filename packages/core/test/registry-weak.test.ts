import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getDefaultTracer, registeredTracers, setDefaultTracer } from '../src';
import { TestTracer, collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// The registry must not keep alive a tracer that user code dropped (npm honeyhive 1.x users call init() per
// request without shutdown()), but it must keep the default tracer: `trace()` finds it through the registry alone.

function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as () => void;
  gc();
  gc();
}

const nextTask = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(async () => {
  setDefaultTracer(undefined);
  await Promise.all(registeredTracers().map((t) => t.shutdown()));
  resetOtelGlobals();
});

it('forgets a dropped tracer once it is collected, and keeps the default one', async () => {
  const make = (project: string) => new TestTracer({ testMode: true, project, logger: collectingLogger(), flushOnExit: false });
  const first = make('first');
  (() => {
    const dropped = make('dropped');
    dropped.startSpan('work', () => undefined);
  })();
  expect(registeredTracers()).toHaveLength(2);
  // a WeakRef keeps its target until the current job ends
  await nextTask();
  collectGarbage();
  await nextTask();
  expect(registeredTracers()).toEqual([first]);
  expect(getDefaultTracer()).toBe(first);
});

it('keeps a tracer with no reference left when it is the default', async () => {
  (() => {
    new TestTracer({ testMode: true, project: 'only', logger: collectingLogger(), flushOnExit: false });
  })();
  await nextTask();
  collectGarbage();
  await nextTask();
  expect(registeredTracers().map((t) => t.stats().mode)).toEqual(['active']);
  expect(getDefaultTracer()).toBeDefined();
});
