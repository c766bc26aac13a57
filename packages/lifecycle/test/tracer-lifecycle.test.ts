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
  it('coalesces concurrent flushes into one target flush when no span ended since it began', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.noteActivity();
    const flushes = Array.from({ length: 10 }, () => lifecycle.flush());
    expect(target.flushCalls).toBe(1);
    target.completeFlushes();
    await expect(Promise.all(flushes)).resolves.toEqual(Array(10).fill(true));
    const next = lifecycle.flush();
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

  it('keeps the process alive while it waits (a ref\'d timer), and no longer', async () => {
    const timers: NodeJS.Timeout[] = [];
    const original = global.setTimeout;
    const spy = jest.spyOn(global, 'setTimeout').mockImplementation(((fn: () => void, ms?: number) => {
      const timer = original(fn, ms);
      timers.push(timer);
      return timer;
    }) as typeof setTimeout);
    try {
      const target = new ControlledTarget('manual');
      const result = new TracerLifecycle(target).flush(60_000);
      expect(timers).toHaveLength(1);
      expect(timers[0]!.hasRef()).toBe(true);
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

describe('TracerLifecycle: each flush answers for its own caller', () => {
  it('a flush called after more spans ended waits for its own target flush, not the running one', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.noteActivity();
    const first = lifecycle.flush();
    lifecycle.noteActivity(); // a span ended after the first flush began
    let secondAnswered = false;
    const second = lifecycle.flush().then((answer) => {
      secondAnswered = true;
      return answer;
    });
    expect(target.flushCalls).toBe(2);
    target.completeOldestFlush();
    await expect(first).resolves.toBe(true);
    await new Promise((resolve) => setImmediate(resolve));
    expect(secondAnswered).toBe(false);
    expect(lifecycle.state).toBe('flushing');
    target.completeOldestFlush();
    await expect(second).resolves.toBe(true);
    expect(lifecycle.state).toBe('starting');
  });

  it('a flush of a target that reports no activity never joins a running one', async () => {
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    const flushes = [lifecycle.flush(), lifecycle.flush()];
    expect(target.flushCalls).toBe(2);
    target.completeFlushes();
    await expect(Promise.all(flushes)).resolves.toEqual([true, true]);
  });

  it('a long flush joining a short one keeps waiting after the short one timed out, and answers true', async () => {
    jest.useFakeTimers();
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.noteActivity();
    const short = lifecycle.flush(100);
    const long = lifecycle.flush(10_000);
    expect(target.flushCalls).toBe(1);
    jest.advanceTimersByTime(100);
    await expect(short).resolves.toBe(false);
    expect(lifecycle.state).toBe('flushing');
    jest.advanceTimersByTime(5_000);
    target.completeFlushes();
    await expect(long).resolves.toBe(true);
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a short flush joining a long one gives up after its own timeout', async () => {
    jest.useFakeTimers();
    const target = new ControlledTarget('manual');
    const lifecycle = new TracerLifecycle(target);
    lifecycle.noteActivity();
    const long = lifecycle.flush(10_000);
    const short = lifecycle.flush(100);
    jest.advanceTimersByTime(100);
    await expect(short).resolves.toBe(false);
    target.completeFlushes();
    await expect(long).resolves.toBe(true);
  });

  it('each caller gets the answer of the target flush that covers it', async () => {
    const answers = [false, true];
    const resolvers: Array<() => void> = [];
    const target = {
      forceFlush: async () => undefined,
      flushDelivered: () => {
        const answer = answers.shift()!;
        return new Promise<boolean>((resolve) => resolvers.push(() => resolve(answer)));
      },
      shutdown: async () => undefined,
    };
    const lifecycle = new TracerLifecycle(target);
    lifecycle.noteActivity();
    const first = [lifecycle.flush(), lifecycle.flush()];
    lifecycle.noteActivity();
    const second = lifecycle.flush();
    resolvers.forEach((resolve) => resolve());
    await expect(Promise.all(first)).resolves.toEqual([false, false]);
    await expect(second).resolves.toBe(true);
  });
});

describe('TracerLifecycle: process exit', () => {
  it("counts what the target still holds as lost, once, with one warning", () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    let calls = 0;
    const target = { forceFlush: async () => undefined, shutdown: async () => undefined, abandonPending: () => (calls += 1, 7) };
    const lifecycle = new TracerLifecycle(target, { logger, name: 'svc' });
    expect(lifecycle.abandonPending()).toBe(7);
    expect(lifecycle.abandonPending()).toBe(0);
    expect(calls).toBe(1);
    expect(warnings).toEqual([expect.stringMatching(/^\[svc\] 7 span\(s\) not delivered before the process exited/)]);
  });

  it('is silent when nothing was lost or the target cannot tell, and survives a throwing target', () => {
    const warnings: string[] = [];
    const logger = { debug() {}, info() {}, warn: (m: string) => warnings.push(m), error() {} };
    const none = new TracerLifecycle({ forceFlush: async () => undefined, shutdown: async () => undefined, abandonPending: () => 0 }, { logger });
    const plain = new TracerLifecycle(new ControlledTarget('resolve'), { logger });
    const broken = new TracerLifecycle(
      {
        forceFlush: async () => undefined,
        shutdown: async () => undefined,
        abandonPending: () => {
          throw new Error('bug');
        },
      },
      { logger },
    );
    expect([none.abandonPending(), plain.abandonPending(), broken.abandonPending()]).toEqual([0, 0, 0]);
    expect(warnings).toEqual([]);
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
