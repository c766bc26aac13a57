import { context, propagation, trace as otelTrace } from '@opentelemetry/api';

// A plugin that brings its own copy of @honeyhive/tracer (and so of core and instrumentation) next to the app's:
// the plugin's `trace()`, `getDefaultTracer()` and `findTracer()` must reach the tracer the app created, with that
// tracer's capture settings, exactly as the app's own copy does.

type TracerPackage = typeof import('../src');

function loadCopy(): TracerPackage {
  let copy: TracerPackage | undefined;
  jest.isolateModules(() => {
    copy = require('../src') as TracerPackage;
  });
  if (copy === undefined) throw new Error('the tracer package did not load');
  return copy;
}

const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const tracers: Array<{ shutdown(): Promise<boolean> }> = [];

afterEach(async () => {
  await Promise.all(tracers.splice(0).map((tracer) => tracer.shutdown()));
  otelTrace.disable();
  context.disable();
  propagation.disable();
});

it("a plugin's own copy of the package traces into the app's tracer, with its settings", async () => {
  const app = loadCopy();
  const plugin = loadCopy();
  expect(plugin.HoneyHiveTracer).not.toBe(app.HoneyHiveTracer);
  const tracer = new app.HoneyHiveTracer({ testMode: true, project: 'app', captureInputs: false, logger: silent, flushOnExit: false });
  tracers.push(tracer);

  expect(plugin.getDefaultTracer()).toBe(tracer);
  const pluginCall = plugin.trace(function pluginCall(password: string) {
    return password.length;
  });
  const sessionId = tracer.withSession({ sessionName: 'request' }, (id) => {
    expect(plugin.findTracer()).toBe(tracer);
    expect(pluginCall('hunter2')).toBe(7);
    return id;
  });
  await tracer.flush();
  const span = tracer.getTestSpans().find((candidate) => candidate.name === 'pluginCall');
  expect(span?.attributes['honeyhive.session_id']).toBe(sessionId);
  expect(Object.keys(span?.attributes ?? {}).filter((key) => key.startsWith('honeyhive_inputs'))).toEqual([]);
});
