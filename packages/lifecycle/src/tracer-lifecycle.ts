import { errorMessage, type Logger } from '@honeyhive/utils';
import { log } from './logger';
import { resolveTimeout, settle, settleWithin, type Settled } from './settle-within';
import type { FlushTarget, LifecycleState, StateChangeListener } from './types';

/** Default time a flush may take before it resolves `false` (ms). */
export const DEFAULT_FLUSH_TIMEOUT_MS = 5_000;
/**
 * Default time a shutdown (flush + target shutdown) may take before it resolves `false` (ms). It fits
 * inside the 10 s Docker and 30 s Kubernetes allow between SIGTERM and SIGKILL.
 */
export const DEFAULT_SHUTDOWN_TIMEOUT_MS = 5_000;

/** Options of a {@link TracerLifecycle}. */
export interface TracerLifecycleOptions {
  /** Where diagnostics go (flush failures, timeouts, state changes at debug). Silent by default. */
  logger?: Logger;
  /** Timeout of `flush()` when none is passed; default {@link DEFAULT_FLUSH_TIMEOUT_MS}. */
  defaultFlushTimeoutMs?: number;
  /** Timeout of `shutdown()` when none is passed; default {@link DEFAULT_SHUTDOWN_TIMEOUT_MS}. */
  defaultShutdownTimeoutMs?: number;
  /** A name for log lines, e.g. the tracer's project. */
  name?: string;
}

/** One flush of the target, shared by the `flush()` calls it covers. */
interface TargetFlush {
  /** The lifecycle's activity count when it began. */
  activity: number;
  /** How the target's flush settled (never rejects). */
  done: Promise<Settled<boolean>>;
}

/** Finished in time and did not answer `false` (a flush that could tell: not everything was delivered). */
function succeeded(outcome: Settled<unknown>): boolean {
  return outcome.status === 'ok' && outcome.value !== false;
}

/**
 * The life of one tracer: its state, a coalesced `flush`, an idempotent `shutdown`, both bounded by
 * timeouts, and whether new spans are still accepted. Works over any {@link FlushTarget}, so it serves a
 * plain OpenTelemetry provider as well as ours. Nothing here throws or rejects.
 */
export class TracerLifecycle {
  /** The name given in the options (`'tracer'` by default). */
  readonly name: string;
  /** The flush timeout used when `flush()` gets none (ms). */
  readonly defaultFlushTimeoutMs: number;
  /** The shutdown timeout used when `shutdown()` gets none (ms). */
  readonly defaultShutdownTimeoutMs: number;

  private current: LifecycleState = 'starting';
  /** The state a finished flush returns to. */
  private resting: 'starting' | 'running' = 'starting';
  private readonly listeners = new Set<StateChangeListener>();
  private readonly logger: Logger | undefined;
  /** The newest flush of the target still under way; later calls share it while no span ended since it began. */
  private running: TargetFlush | undefined;
  /** `flush()` calls that have not answered yet: the state is `flushing` while there are any. */
  private openFlushes = 0;
  private shutdownResult: Promise<boolean> | undefined;
  private activity = 0;
  /** Whether {@link noteActivity} was ever called: without it, nothing tells that no span ended. */
  private activityKnown = false;
  private abandoned = false;

  /**
   * @param target what is flushed and shut down (a provider, span processor or exporter).
   * @param options timeouts, logger, name and optional exit hooks.
   */
  constructor(
    private readonly target: FlushTarget,
    options: TracerLifecycleOptions = {},
  ) {
    const opts = options ?? {};
    this.name = typeof opts.name === 'string' && opts.name !== '' ? opts.name : 'tracer';
    this.logger = opts.logger;
    this.defaultFlushTimeoutMs = resolveTimeout(opts.defaultFlushTimeoutMs, DEFAULT_FLUSH_TIMEOUT_MS);
    this.defaultShutdownTimeoutMs = resolveTimeout(opts.defaultShutdownTimeoutMs, DEFAULT_SHUTDOWN_TIMEOUT_MS);
  }

  /** The current state. */
  get state(): LifecycleState {
    return this.current;
  }

  /** False once shutdown has begun: span processors gated on this lifecycle ignore new spans. */
  get isAcceptingSpans(): boolean {
    return this.current !== 'shutting_down' && this.current !== 'shut_down';
  }

  /** How many times {@link noteActivity} was called: exit hooks flush only when it moved. */
  get activityCount(): number {
    return this.activity;
  }

  /** Records that something (a span ending) may be waiting for export. */
  noteActivity(): void {
    this.activity += 1;
    this.activityKnown = true;
  }

  /** Marks start-up as done: `starting` → `running` (a flush under way returns to `running`). */
  markRunning(): void {
    if (!this.isAcceptingSpans) return;
    this.resting = 'running';
    if (this.current === 'starting') this.setState('running');
  }

  /** Calls `listener(state, previous)` on every state change; returns the function that unsubscribes it. */
  onStateChange(listener: StateChangeListener): () => void {
    if (typeof listener !== 'function') return () => undefined;
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Flushes the target: resolves `true` when every span that ended before this call was delivered within
   * `timeoutMs` (default {@link defaultFlushTimeoutMs}), `false` on timeout, error, or when the target
   * reports spans lost. Each call has its own timeout, and waits (keeping the process alive) at most that
   * long. Calls made while a flush is under way and no span ended since it began (known through
   * {@link noteActivity}) share its work, so concurrent flushes cost one target flush; otherwise a call
   * starts its own, which covers the spans the running one does not. Never rejects. Once shutdown has
   * begun, returns the shutdown's promise.
   */
  flush(timeoutMs?: number): Promise<boolean> {
    if (this.shutdownResult) return this.shutdownResult;
    const timeout = resolveTimeout(timeoutMs, this.defaultFlushTimeoutMs);
    const work = this.targetFlushCoveringNow();
    this.openFlushes += 1;
    const answer = settleWithin(() => work, timeout, { keepAlive: true }).then((waited) => {
      const outcome: Settled<unknown> = waited.status === 'ok' ? waited.value : waited;
      this.report('flush', outcome, timeout);
      this.openFlushes -= 1;
      if (this.openFlushes === 0 && this.current === 'flushing') this.setState(this.resting);
      return succeeded(outcome);
    });
    // counted before listeners hear of 'flushing', so a listener that calls flush() shares this work
    this.setState('flushing');
    return answer;
  }

  /**
   * Flushes, then shuts the target down, both within `timeoutMs` (default {@link defaultShutdownTimeoutMs}).
   * Idempotent: later calls return the first call's promise. New spans stop being accepted at once; the
   * state ends `shut_down` even on failure or timeout. Resolves `true` when both steps succeeded in time.
   * Never rejects.
   */
  shutdown(timeoutMs?: number): Promise<boolean> {
    if (this.shutdownResult) return this.shutdownResult;
    const timeout = resolveTimeout(timeoutMs, this.defaultShutdownTimeoutMs);
    const result = settleWithin(() => this.flushThenShutdown(), timeout, { keepAlive: true }).then((outcome) => {
      if (outcome.status !== 'ok') this.report('shutdown', outcome, timeout);
      this.setState('shut_down');
      return outcome.status === 'ok' && outcome.value;
    });
    this.shutdownResult = result;
    this.setState('shutting_down');
    return result;
  }

  /**
   * The process is exiting (its `exit` event): asks the target to count what is still queued or in flight
   * as lost, and warns when that was anything. Once; never throws. Returns how many spans were lost.
   */
  abandonPending(): number {
    if (this.abandoned) return 0;
    this.abandoned = true;
    let lost = 0;
    try {
      lost = typeof this.target.abandonPending === 'function' ? Number(this.target.abandonPending()) || 0 : 0;
    } catch {
      return 0;
    }
    if (lost > 0) {
      log(this.logger, 'warn', `[${this.name}] ${lost} span(s) not delivered before the process exited; counted as lost`);
    }
    return lost;
  }

  /** A flush of the target that covers every span ended so far: the running one if none ended since it began. */
  private targetFlushCoveringNow(): Promise<Settled<boolean>> {
    const running = this.running;
    if (running !== undefined && this.activityKnown && running.activity === this.activity) return running.done;
    const started: TargetFlush = { activity: this.activity, done: settle(() => this.flushTarget()) };
    this.running = started;
    void started.done.then(() => {
      if (this.running === started) this.running = undefined;
    });
    return started.done;
  }

  /** The target's flush: whether it delivered everything when it can tell, else whether it finished. */
  private async flushTarget(): Promise<boolean> {
    const target = this.target;
    if (typeof target.flushDelivered === 'function') return (await target.flushDelivered()) !== false;
    await target.forceFlush();
    return true;
  }

  private async flushThenShutdown(): Promise<boolean> {
    const flushed = await settle(() => this.flushTarget());
    this.report('flush before shutdown', flushed, 0);
    const closed = await settle(() => this.target.shutdown());
    this.report('target shutdown', closed, 0);
    return succeeded(flushed) && succeeded(closed);
  }

  private report(step: string, outcome: Settled<unknown>, timeoutMs: number): void {
    if (outcome.status === 'timeout') {
      log(this.logger, 'warn', `[${this.name}] ${step} did not finish within ${timeoutMs} ms; spans may be lost`);
    } else if (outcome.status === 'error') {
      log(this.logger, 'warn', `[${this.name}] ${step} failed: ${errorMessage(outcome.error)}`);
    }
  }

  private setState(next: LifecycleState): void {
    const previous = this.current;
    if (previous === next) return;
    this.current = next;
    log(this.logger, 'debug', `[${this.name}] lifecycle ${previous} -> ${next}`);
    for (const listener of [...this.listeners]) {
      try {
        listener(next, previous);
      } catch (error) {
        log(this.logger, 'warn', `[${this.name}] a lifecycle state listener threw: ${errorMessage(error)}`);
      }
    }
  }
}
