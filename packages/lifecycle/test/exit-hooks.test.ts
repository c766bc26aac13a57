import { DEFAULT_EXIT_TIMEOUT_MS, installExitHooks, TracerLifecycle } from '../src';
import { ControlledTarget } from './helpers/targets';

// These tests emit events on the real process of the jest worker; process.kill is always mocked.
const SIGNAL: NodeJS.Signals = 'SIGUSR2';

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1_000 && !condition(); i += 1) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition not reached');
}

const cleanups: Array<() => void> = [];
let kill: jest.SpyInstance;

beforeEach(() => {
  kill = jest.spyOn(process, 'kill').mockImplementation(() => true);
});

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
  kill.mockRestore();
});

function install(lifecycle: TracerLifecycle, options?: Parameters<typeof installExitHooks>[1]): () => void {
  const uninstall = installExitHooks(lifecycle, options);
  cleanups.push(uninstall);
  return uninstall;
}

describe('installExitHooks: shared listeners', () => {
  it('adds one process listener per event for 50 lifecycles and removes it with the last', () => {
    const counts = () => ['beforeExit', 'SIGTERM', 'SIGINT'].map((event) => process.listenerCount(event));
    const baseline = counts();
    const uninstalls = Array.from({ length: 50 }, () =>
      install(new TracerLifecycle(new ControlledTarget('resolve')), { signals: true }),
    );
    expect(counts()).toEqual(baseline.map((count) => count + 1));
    uninstalls.slice(1).forEach((uninstall) => uninstall());
    expect(counts()).toEqual(baseline.map((count) => count + 1));
    uninstalls[0]!();
    uninstalls[0]!();
    expect(counts()).toEqual(baseline);
  });

  it('installs no signal listener by default and only the requested ones', () => {
    const before = [process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'), process.listenerCount('beforeExit')];
    const uninstall = install(new TracerLifecycle(new ControlledTarget('resolve')));
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'), process.listenerCount('beforeExit')]).toEqual([
      before[0],
      before[1],
      before[2]! + 1,
    ]);
    uninstall();
    const onlyTerm = install(new TracerLifecycle(new ControlledTarget('resolve')), {
      beforeExit: false,
      signals: ['SIGTERM', 'SIGKILL' as NodeJS.Signals, 'bogus' as NodeJS.Signals],
    });
    expect([process.listenerCount('SIGTERM'), process.listenerCount('SIGINT'), process.listenerCount('beforeExit')]).toEqual([
      before[0]! + 1,
      before[1],
      before[2],
    ]);
    onlyTerm();
  });

  it('removes the hooks when the lifecycle shuts down, and ignores a lifecycle already shut down', async () => {
    const baseline = process.listenerCount('beforeExit');
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    install(lifecycle);
    expect(process.listenerCount('beforeExit')).toBe(baseline + 1);
    await lifecycle.shutdown();
    expect(process.listenerCount('beforeExit')).toBe(baseline);
    install(lifecycle);
    expect(process.listenerCount('beforeExit')).toBe(baseline);
  });

  it('installs hooks for the signals asked for, and removes them at shutdown', async () => {
    const baseline = process.listenerCount(SIGNAL);
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    installExitHooks(lifecycle, { signals: [SIGNAL] });
    expect(process.listenerCount(SIGNAL)).toBe(baseline + 1);
    await lifecycle.shutdown();
    expect(process.listenerCount(SIGNAL)).toBe(baseline);
  });
});

describe('installExitHooks: beforeExit', () => {
  it('flushes once per batch of activity, not on every beforeExit', async () => {
    const tracked = new ControlledTarget('resolve');
    const quiet = new ControlledTarget('resolve');
    const trackedLifecycle = new TracerLifecycle(tracked);
    install(trackedLifecycle);
    install(new TracerLifecycle(quiet));

    const idle = () => trackedLifecycle.state !== 'flushing';
    process.emit('beforeExit', 0);
    await until(() => tracked.flushCalls === 1 && quiet.flushCalls === 1 && idle());
    process.emit('beforeExit', 0);
    process.emit('beforeExit', 0);
    trackedLifecycle.noteActivity();
    process.emit('beforeExit', 0);
    await until(() => tracked.flushCalls === 2 && idle());
    process.emit('beforeExit', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(tracked.flushCalls).toBe(2);
    expect(quiet.flushCalls).toBe(1);
  });

  it('flushes on beforeExit even while a flush is under way, covering the spans that ended since it began', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    install(lifecycle);
    lifecycle.noteActivity();
    const userFlush = lifecycle.flush();
    lifecycle.noteActivity();
    process.emit('beforeExit', 0);
    expect(target.flushCalls).toBe(2);
    process.emit('beforeExit', 0); // nothing new since: no third flush
    expect(target.flushCalls).toBe(2);
    target.completeFlushes();
    await userFlush;
    await until(() => lifecycle.state !== 'flushing');
  });

  it('waits at most 2 s by default for a target that never finishes', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const lifecycle = new TracerLifecycle(new ControlledTarget('hang'), { defaultFlushTimeoutMs: 60_000 });
      lifecycle.markRunning();
      install(lifecycle);
      lifecycle.noteActivity();
      process.emit('beforeExit', 0);
      expect(lifecycle.state).toBe('flushing');
      jest.advanceTimersByTime(DEFAULT_EXIT_TIMEOUT_MS - 1);
      await Promise.resolve();
      expect(lifecycle.state).toBe('flushing');
      jest.advanceTimersByTime(1);
      await until(() => lifecycle.state === 'running');
      expect(jest.getTimerCount()).toBe(0);
      expect(DEFAULT_EXIT_TIMEOUT_MS).toBeLessThanOrEqual(2_000);
    } finally {
      jest.useRealTimers();
    }
  });

  it('honours timeoutMs as the exit budget', async () => {
    jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick'] });
    try {
      const lifecycle = new TracerLifecycle(new ControlledTarget('hang'));
      lifecycle.markRunning();
      install(lifecycle, { timeoutMs: 300 });
      lifecycle.noteActivity();
      process.emit('beforeExit', 0);
      jest.advanceTimersByTime(300);
      await until(() => lifecycle.state === 'running');
    } finally {
      jest.useRealTimers();
    }
  });

  it('does not flush when beforeExit is off', async () => {
    const target = new ControlledTarget('resolve');
    install(new TracerLifecycle(target), { beforeExit: false, signals: [SIGNAL] });
    process.emit('beforeExit', 0);
    await new Promise((resolve) => setImmediate(resolve));
    expect(target.flushCalls).toBe(0);
  });
});

describe('installExitHooks: exit', () => {
  /** Our `exit` listener (found by installing): called directly, as emitting `exit` would reach jest's own. */
  function ourExitListener(install: () => void): () => void {
    const before = new Set(process.listeners('exit'));
    install();
    const added = process.listeners('exit').filter((listener) => !before.has(listener));
    expect(added).toHaveLength(1);
    return added[0] as () => void;
  }

  it('asks every live lifecycle to count what is still pending as lost, even without beforeExit', async () => {
    const counted: string[] = [];
    const target = (name: string) => ({ forceFlush: async () => undefined, shutdown: async () => undefined, abandonPending: () => (counted.push(name), 0) });
    const first = new TracerLifecycle(target('first'));
    const second = new TracerLifecycle(target('second'));
    const gone = new TracerLifecycle(target('gone'));
    const onExit = ourExitListener(() => install(first, { beforeExit: false }));
    install(second);
    install(gone);
    await gone.shutdown();
    onExit();
    expect(counted).toEqual(['first', 'second']);
  });

  it('removes the exit listener with the last lifecycle', () => {
    const baseline = process.listenerCount('exit');
    const uninstall = install(new TracerLifecycle(new ControlledTarget('resolve')), { beforeExit: false });
    expect(process.listenerCount('exit')).toBe(baseline + 1);
    uninstall();
    expect(process.listenerCount('exit')).toBe(baseline);
  });
});

describe('installExitHooks: signals (process.kill mocked)', () => {
  it('only flushes, and does not re-raise, when the app listens for the signal too', async () => {
    const target = new ControlledTarget('resolve');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.markRunning();
    const appListener = jest.fn();
    process.on(SIGNAL, appListener);
    cleanups.push(() => process.removeListener(SIGNAL, appListener));
    install(lifecycle, { signals: [SIGNAL] });

    process.emit(SIGNAL, SIGNAL);
    await until(() => target.flushCalls === 1);
    await new Promise((resolve) => setImmediate(resolve));
    expect(appListener).toHaveBeenCalled();
    expect(target.shutdownCalls).toBe(0);
    expect(lifecycle.state).toBe('running');
    expect(kill).not.toHaveBeenCalled();
  });

  it('shuts down, removes its listener and re-raises when it is the only listener', async () => {
    const baseline = process.listenerCount(SIGNAL);
    expect(baseline).toBe(0);
    const target = new ControlledTarget('resolve');
    const lifecycle = new TracerLifecycle(target);
    install(lifecycle, { signals: [SIGNAL] });

    process.emit(SIGNAL, SIGNAL);
    await until(() => kill.mock.calls.length > 0);
    expect(target.calls).toEqual(['forceFlush', 'shutdown']);
    expect(lifecycle.state).toBe('shut_down');
    expect(kill).toHaveBeenCalledWith(process.pid, SIGNAL);
    expect(process.listenerCount(SIGNAL)).toBe(0);
  });

  it('re-raises at once on a second signal while the first is still being handled', async () => {
    const target = new ControlledTarget('hang');
    const lifecycle = new TracerLifecycle(target, { defaultShutdownTimeoutMs: 2_000 });
    install(lifecycle, { signals: [SIGNAL] });
    process.emit(SIGNAL, SIGNAL);
    await until(() => target.flushCalls === 1);
    expect(kill).not.toHaveBeenCalled();
    process.emit(SIGNAL, SIGNAL);
    await until(() => kill.mock.calls.length > 0);
    expect(kill).toHaveBeenCalledWith(process.pid, SIGNAL);
    expect(lifecycle.state).toBe('shutting_down');
    expect(process.listenerCount(SIGNAL)).toBe(0);
    await expect(lifecycle.shutdown()).resolves.toBe(false); // the hung target times out; no timer is left
  });
});
