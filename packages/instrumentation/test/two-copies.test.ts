import { setupTracing, type TestTracing } from './support/tracing';

// Two copies of @honeyhive/instrumentation in one process (a plugin that brings its own): the tracer package
// installs its registry lookup into the copy it loaded, and `trace()` of the plugin's copy must use it too, or its
// spans fall back to the global OpenTelemetry tracer without the tracer's capture settings (captureInputs: false,
// mask). An incompatible copy (another major version) keeps its own resolver.

type Instrumentation = typeof import('../src');

const VERSION_MODULE = require.resolve('../src/version');

/** Loads a fresh copy of the package's source (all its modules and dependencies), at `version` when given. */
function loadCopy(version?: string): Instrumentation {
  let copy: Instrumentation | undefined;
  jest.isolateModules(() => {
    if (version !== undefined) jest.doMock(VERSION_MODULE, () => ({ PACKAGE_VERSION: version }));
    copy = require('../src') as Instrumentation;
  });
  jest.dontMock(VERSION_MODULE);
  if (copy === undefined) throw new Error('instrumentation did not load');
  return copy;
}

let tracing: TestTracing;
const copies: Instrumentation[] = [];

beforeAll(() => {
  tracing = setupTracing();
});
afterEach(() => {
  for (const copy of copies.splice(0)) copy.setDefaultTracerResolver(undefined);
  tracing.reset();
});
afterAll(() => tracing.shutdown());

function load(version?: string): Instrumentation {
  const copy = loadCopy(version);
  copies.push(copy);
  return copy;
}

it("a compatible copy's trace() uses the resolver set through another copy, with its capture settings", () => {
  const app = load();
  const plugin = load();
  expect(plugin.trace).not.toBe(app.trace);
  app.setDefaultTracerResolver(() => tracing.tracerWith({ captureInputs: false }));
  expect(plugin.trace(function pluginWork(password: string) {
    return password.length;
  })('hunter2')).toBe(7);
  const span = tracing.span('pluginWork');
  expect(span.instrumentationScope.name).toBe('test');
  expect(Object.keys(span.attributes).filter((key) => key.startsWith('honeyhive_inputs'))).toEqual([]);
});

it('replacing or removing the resolver through one copy does it for all compatible copies', () => {
  const app = load();
  const plugin = load();
  const first = () => tracing.tracer;
  app.setDefaultTracerResolver(first);
  expect(plugin.setDefaultTracerResolver(undefined)).toBe(first);
  app.trace(function afterRemoval() {})();
  expect(tracing.span('afterRemoval').instrumentationScope.name).toBe(app.FALLBACK_TRACER_NAME);
});

it('an incompatible copy keeps its own resolver', () => {
  const app = load();
  const other = load('99.0.0');
  app.setDefaultTracerResolver(() => tracing.tracerWith({ captureInputs: false }));
  other.trace(function otherWork(x: number) {
    return x;
  })(1);
  expect(tracing.span('otherWork').instrumentationScope.name).toBe(other.FALLBACK_TRACER_NAME);
  expect(other.setDefaultTracerResolver(undefined)).toBeUndefined();
});
