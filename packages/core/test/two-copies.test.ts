import { collectingLogger, resetOtelGlobals } from './helpers/test-tracer';

// Two copies of @honeyhive/core in one process (a plugin pinned to another version, a bundle that inlines core
// while the app loads it from node_modules): each copy evaluates its own modules. Tracers created through one
// copy must be found through the other when the versions are compatible; an incompatible copy keeps apart.

type Core = typeof import('../src');

const VERSION_MODULE = require.resolve('../src/version');

/** Loads a fresh copy of core's source (all of its modules and dependencies), at `version` when given. */
function loadCopy(version?: string): Core {
  let copy: Core | undefined;
  jest.isolateModules(() => {
    if (version !== undefined) {
      jest.doMock(VERSION_MODULE, () => ({ ...jest.requireActual<object>(VERSION_MODULE), TRACER_VERSION: version }));
    }
    copy = require('../src') as Core;
  });
  jest.dontMock(VERSION_MODULE);
  if (copy === undefined) throw new Error('core did not load');
  return copy;
}

function tracerClass(core: Core) {
  return core.TracerContextMixin(core.TracerOperationsMixin(core.HoneyHiveTracerBase));
}

type AnyTracer = InstanceType<ReturnType<typeof tracerClass>>;
const tracers: AnyTracer[] = [];

function makeTracer(core: Core, project: string, options: { verbose?: boolean; logger?: ReturnType<typeof collectingLogger> } = {}): AnyTracer {
  const Tracer = tracerClass(core);
  const tracer = new Tracer({ testMode: true, project, logger: options.logger ?? collectingLogger(), verbose: options.verbose, flushOnExit: false });
  tracers.push(tracer);
  return tracer;
}

afterEach(async () => {
  await Promise.all(tracers.splice(0).map((tracer) => tracer.shutdown()));
  resetOtelGlobals();
});

describe('two compatible copies of @honeyhive/core', () => {
  it('share one tracer registry: the default tracer and findTracer() inside withSession', async () => {
    const app = loadCopy();
    const plugin = loadCopy();
    expect(plugin.HoneyHiveTracerBase).not.toBe(app.HoneyHiveTracerBase);
    expect(plugin.getDefaultTracer()).toBeUndefined();

    const first = makeTracer(app, 'first');
    const second = makeTracer(app, 'second');
    expect(plugin.getDefaultTracer()).toBe(first);
    expect(plugin.findTracer()).toBe(first);
    expect(plugin.registeredTracers()).toEqual([first, second]);
    expect(second.withSession({ sessionName: 'request' }, () => plugin.findTracer())).toBe(second);
    await second.withSession({}, async () => {
      await new Promise((resolve) => setImmediate(resolve));
      expect(plugin.findTracer()).toBe(second);
    });
    expect(second.startSpan('work', () => plugin.findTracer())).toBe(second);

    plugin.setDefaultTracer(second);
    expect(app.getDefaultTracer()).toBe(second);
    plugin.setDefaultTracer(undefined);

    await first.shutdown();
    expect(plugin.getDefaultTracer()).toBe(second);
    expect(plugin.registeredTracers()).toEqual([second]);
  });

  it('see the tracers of each other, whichever copy created them', () => {
    const a = loadCopy();
    const b = loadCopy();
    const fromA = makeTracer(a, 'a');
    const fromB = makeTracer(b, 'b');
    expect(a.registeredTracers()).toEqual([fromA, fromB]);
    expect(b.registeredTracers()).toEqual([fromA, fromB]);
    expect(fromB.withSession({}, () => a.findTracer())).toBe(fromB);
    expect(fromA.withSession({}, () => b.findTracer())).toBe(fromA);
  });

  it('say nothing about each other, even in verbose mode', () => {
    const a = loadCopy();
    const b = loadCopy();
    const logger = collectingLogger();
    makeTracer(a, 'a', { verbose: true, logger });
    makeTracer(b, 'b', { verbose: true, logger });
    expect(logger.lines.map((line) => line.message).join('\n')).not.toMatch(/registry/i);
  });
});

describe('an incompatible copy of @honeyhive/core (another major version)', () => {
  it('keeps its own registry', async () => {
    const app = loadCopy();
    const other = loadCopy('99.0.0');
    expect(other.TRACER_VERSION).toBe('99.0.0');
    const appTracer = makeTracer(app, 'app');
    expect(other.getDefaultTracer()).toBeUndefined();
    expect(appTracer.withSession({}, () => other.findTracer())).toBeUndefined();
    const otherTracer = makeTracer(other, 'other');
    expect(other.getDefaultTracer()).toBe(otherTracer);
    expect(app.getDefaultTracer()).toBe(appTracer);
    expect(app.registeredTracers()).toEqual([appTracer]);
    expect(otherTracer.withSession({}, () => app.findTracer())).toBe(appTracer);
  });

  it('says so once, at debug level in verbose mode, naming both versions', () => {
    const app = loadCopy();
    const other = loadCopy('99.0.0');
    const quiet = collectingLogger();
    makeTracer(app, 'quiet', { logger: quiet });
    expect(quiet.lines.filter((line) => /registry/.test(line.message))).toEqual([]);

    const verbose = collectingLogger();
    makeTracer(other, 'verbose', { verbose: true, logger: verbose });
    makeTracer(other, 'verbose again', { verbose: true, logger: verbose });
    const said = () => verbose.lines.filter((line) => /registry/.test(line.message));
    expect(said()).toHaveLength(1);
    expect(said()[0]?.level).toBe('debug');
    expect(said()[0]?.message).toMatch(new RegExp(`core 99\\.0\\.0 .*core ${app.TRACER_VERSION.replace(/\./g, '\\.')}`));
    expect(said()[0]?.message).toContain('getDefaultTracer()');
    // the other side says it once too, from its own point of view
    makeTracer(app, 'verbose app', { verbose: true, logger: verbose });
    makeTracer(app, 'verbose app again', { verbose: true, logger: verbose });
    expect(said()).toHaveLength(2);
    expect(said()[1]?.message).toMatch(new RegExp(`core ${app.TRACER_VERSION.replace(/\./g, '\\.')} .*core 99\\.0\\.0`));
  });
});
