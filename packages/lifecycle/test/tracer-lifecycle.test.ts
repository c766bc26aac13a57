import { TracerLifecycle, type LifecycleState } from '../src';
import { ControlledTarget } from './helpers/targets';

function recordStates(lifecycle: TracerLifecycle): LifecycleState[] {
  const seen: LifecycleState[] = [];
  lifecycle.onStateChange((state) => seen.push(state));
  return seen;
}

afterEach(() => {
  jest.useRealTimers();
});

describe('TracerLifecycle: states', () => {
  it('starts in starting, runs, flushes and back, then shuts down', async () => {
    const target = new ControlledTarget('resolve');
    const lifecycle = new TracerLifecycle(target);
    const seen = recordStates(lifecycle);
    expect(lifecycle.state).toBe('starting');
    expect(lifecycle.isAcceptingSpans).toBe(true);
    lifecycle.markRunning();
    expect(lifecycle.state).toBe('running');
    const flushing = lifecycle.flush();
    expect(lifecycle.state).toBe('flushing');
    await expect(flushing).resolves.toBe(true);
    expect(lifecycle.state).toBe('running');
    const shutting = lifecycle.shutdown();
    expect(lifecycle.state).toBe('shutting_down');
    expect(lifecycle.isAcceptingSpans).toBe(false);
    await expect(shutting).resolves.toBe(true);
    expect(lifecycle.state).toBe('shut_down');
    expect(lifecycle.isAcceptingSpans).toBe(false);
    expect(seen).toEqual(['running', 'flushing', 'running', 'shutting_down', 'shut_down']);
  });

  it('returns a flush started before markRunning to running', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    const flushing = lifecycle.flush();
    lifecycle.markRunning();
    expect(lifecycle.state).toBe('flushing');
    target.completeFlushes();
    await flushing;
    expect(lifecycle.state).toBe('running');
  });

  it('returns a flush to starting when markRunning was not called', async () => {
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    await lifecycle.flush();
    expect(lifecycle.state).toBe('starting');
  });

  it('unsubscribes listeners and survives a listener that throws', async () => {
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    const warnings: string[] = [];
    const quiet = new TracerLifecycle(new ControlledTarget('resolve'), {
      logger: { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} },
    });
    const calls: string[] = [];
    const unsubscribe = lifecycle.onStateChange((state, previous) => calls.push(`${previous}->${state}`));
    quiet.onStateChange(() => {
      throw new Error('listener bug');
    });
    lifecycle.markRunning();
    unsubscribe();
    lifecycle.markRunning();
    await lifecycle.shutdown();
    expect(calls).toEqual(['starting->running']);
    quiet.markRunning();
    expect(quiet.state).toBe('running');
    expect(warnings.some((line) => line.includes('listener threw'))).toBe(true);
  });

  it('ignores markRunning after shutdown', async () => {
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    await lifecycle.shutdown();
    lifecycle.markRunning();
    expect(lifecycle.state).toBe('shut_down');
  });

  it('counts activity', () => {
    const lifecycle = new TracerLifecycle(new ControlledTarget('resolve'));
    lifecycle.noteActivity();
    lifecycle.noteActivity();
    expect(lifecycle.activityCount).toBe(2);
  });
});

describe('TracerLifecycle: flush', () => {
  it('coalesces concurrent flushes into one target flush and one promise', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    const flushes = Array.from({ length: 5 }, () => lifecycle.flush());
    expect(target.flushCalls).toBe(1);
    expect(new Set(flushes).size).toBe(1);
    target.completeFlushes();
    await expect(Promise.all(flushes)).resolves.toEqual([true, true, true, true, true]);
    const next = lifecycle.flush();
    expect(next).not.toBe(flushes[0]);
    expect(target.flushCalls).toBe(2);
    target.completeFlushes();
    await expect(next).resolves.toBe(true);
  });

  it("resolves the target's flushDelivered answer when it has one: false when spans were not delivered", async () => {
    let delivered = false;
    const calls: string[] = [];
    const target = {
      forceFlush: async () => void calls.push('forceFlush'),
      flushDelivered: async () => {
        calls.push('flushDelivered');
        return delivered;
      },
      shutdown: async () => undefined,
    };
    const lifecycle = new TracerLifecycle(target);
    await expect(lifecycle.flush()).resolves.toBe(false);
    delivered = true;
    await expect(lifecycle.flush()).resolves.toBe(true);
    expect(calls).toEqual(['flushDelivered', 'flushDelivered']);
    delivered = false;
    await expect(lifecycle.shutdown()).resolves.toBe(false);
  });

  it('resolves false when the target never finishes, and leaves no timer behind', async () => {
    jest.useFakeTimers();
    const target = new ControlledTarget('hang');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.markRunning();
    const result = lifecycle.flush(1_000);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(1_000);
    await expect(result).resolves.toBe(false);
    expect(jest.getTimerCount()).toBe(0);
    expect(lifecycle.state).toBe('running');
  });

  it('clears its timer as soon as the target finishes', async () => {
    jest.useFakeTimers();
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target, { defaultFlushTimeoutMs: 60_000 });
    const result = lifecycle.flush();
    expect(jest.getTimerCount()).toBe(1);
    target.completeFlushes();
    await expect(result).resolves.toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('unrefs its timer so it never keeps the process alive', async () => {
    const unref = jest.fn();
    const original = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const timer = original(fn, ms);
      const realUnref = timer.unref.bind(timer);
      timer.unref = () => {
        unref();
        return realUnref();
      };
      return timer;
    }) as typeof setTimeout);
    try {
      const target = new ControlledTarget('manual');
      const result = new TracerLifecycle(target).flush();
      expect(unref).toHaveBeenCalledTimes(1);
      target.completeFlushes();
      await result;
    } finally {
      spy.mockRestore();
    }
  });

  it.each(['reject', 'throw'] as const)('resolves false (never rejects) when the target flush fails: %s', async (mode) => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const lifecycle = new TracerLifecycle(new ControlledTarget(mode), { logger, name: 'svc' });
    await expect(lifecycle.flush()).resolves.toBe(false);
    expect(lifecycle.state).toBe('starting');
    expect(warnings).toEqual([expect.stringContaining('[svc] flush failed')]);
  });

  it('uses the default timeout for an invalid one', async () => {
    jest.useFakeTimers();
    const lifecycle = new TracerLifecycle(new ControlledTarget('hang'), { defaultFlushTimeoutMs: 2_000 });
    const result = lifecycle.flush(Number.NaN);
    jest.advanceTimersByTime(1_999);
    let settled = false;
    void result.then(() => (settled = true));
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(result).resolves.toBe(false);
  });
});

describe('TracerLifecycle: shutdown', () => {
  it('is idempotent: one target shutdown for three calls, all sharing one promise', async () => {
    const target = new ControlledTarget('resolve');
    const lifecycle = new TracerLifecycle(target);
    const calls = [lifecycle.shutdown(), lifecycle.shutdown(), lifecycle.shutdown()];
    expect(new Set(calls).size).toBe(1);
    await expect(Promise.all(calls)).resolves.toEqual([true, true, true]);
    await lifecycle.shutdown();
    expect(target.shutdownCalls).toBe(1);
    expect(target.calls).toEqual(['forceFlush', 'shutdown']);
  });

  it('ends shut_down and resolves false when the target fails', async () => {
    const target = new ControlledTarget('reject');
    const lifecycle = new TracerLifecycle(target);
    await expect(lifecycle.shutdown()).resolves.toBe(false);
    expect(lifecycle.state).toBe('shut_down');
    expect(target.calls).toEqual(['forceFlush', 'shutdown']);
  });

  it('ends shut_down and resolves false on timeout, without a timer left', async () => {
    jest.useFakeTimers();
    const target = new ControlledTarget('hang');
    const lifecycle = new TracerLifecycle(target, { defaultShutdownTimeoutMs: 3_000 });
    const result = lifecycle.shutdown();
    jest.advanceTimersByTime(3_000);
    await expect(result).resolves.toBe(false);
    expect(lifecycle.state).toBe('shut_down');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('makes flush() return the shutdown result once shutdown has begun', async () => {
    const target = new ControlledTarget('resolve');
    const lifecycle = new TracerLifecycle(target);
    const shutting = lifecycle.shutdown();
    expect(lifecycle.flush()).toBe(shutting);
    await shutting;
    expect(lifecycle.flush()).toBe(shutting);
    expect(target.flushCalls).toBe(1);
  });

  it('does not restore a state when a flush finishes during shutdown', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.markRunning();
    const flushing = lifecycle.flush();
    const shutting = lifecycle.shutdown();
    target.completeFlushes();
    await expect(flushing).resolves.toBe(true);
    expect(lifecycle.state).not.toBe('running');
    await expect(shutting).resolves.toBe(true);
    expect(lifecycle.state).toBe('shut_down');
  });
});
