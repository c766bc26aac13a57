import { addExitHookEntry, type ExitHookEntry } from './exit-hook-registry';
import { resolveTimeout } from './settle-within';
import type { TracerLifecycle } from './tracer-lifecycle';

/** Options of {@link installExitHooks}. */
export interface ExitHookOptions {
  /** Flush on `beforeExit` (when the event loop empties), once per batch of new work. Default true. */
  beforeExit?: boolean;
  /**
   * Shut down (or flush) on these signals; `true` means `['SIGTERM', 'SIGINT']`. Default false: opt-in,
   * because handling a signal changes how the process reacts to it (see {@link installExitHooks}).
   */
  signals?: boolean | NodeJS.Signals[];
  /**
   * How long exit may wait for delivery (ms): the longest the `beforeExit` flush, or the shutdown on a
   * signal, keeps the process alive. Default {@link DEFAULT_EXIT_TIMEOUT_MS} (2000). Exit does not wait at
   * all when nothing is pending.
   */
  timeoutMs?: number;
}

/** Default of {@link ExitHookOptions.timeoutMs}: exit waits at most 2 s for spans to be delivered. */
export const DEFAULT_EXIT_TIMEOUT_MS = 2_000;

const DEFAULT_SIGNALS: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];
/** Signals that cannot be caught (adding a listener throws). */
const UNCATCHABLE = new Set<string>(['SIGKILL', 'SIGSTOP']);

function signalList(option: ExitHookOptions['signals']): NodeJS.Signals[] {
  if (option === true) return [...DEFAULT_SIGNALS];
  if (!Array.isArray(option)) return [];
  return option.filter((name): name is NodeJS.Signals => typeof name === 'string' && /^SIG[A-Z0-9]+$/.test(name) && !UNCATCHABLE.has(name));
}

/**
 * Makes `lifecycle` deliver its spans when the process ends, and returns the function that undoes it.
 *
 * - `beforeExit` (default on): flushes when the event loop empties, but only when spans ended since the
 *   last such flush (or, for a lifecycle that records no activity, once), so the flush's own work, which
 *   makes `beforeExit` fire again, does not start another flush and the process still exits. The flush
 *   keeps the process alive at most `timeoutMs` (default 2 s); when nothing is pending it returns at once.
 *   (`beforeExit` does not fire on `process.exit()` or on a fatal signal.)
 * - `signals` (default off): on an opted-in signal, if nothing else listens for it, shuts the lifecycle
 *   down within `timeoutMs`, then removes its listener and re-raises the signal, so the process ends as
 *   it would have without us. If the app has its own listener for that signal, the lifecycle is only
 *   flushed and the process is left running: the app owns what happens next. A second signal while the
 *   first is handled re-raises at once. The listener of another copy of this package (a plugin's, a
 *   bundle's) is not the app's: each copy shuts its own lifecycles down, and the last to finish re-raises.
 * - on `exit` (always): what is still undelivered is counted as lost by the target (see
 *   `FlushTarget.abandonPending`) and one warning says how many spans that was.
 *
 * All lifecycles share one process listener per event, so many tracers never trip
 * `MaxListenersExceededWarning`. The hooks are removed when the lifecycle is shut down or the returned
 * function is called (the process listener goes with the last lifecycle). Never throws.
 */
export function installExitHooks(lifecycle: TracerLifecycle, options: ExitHookOptions = {}): () => void {
  try {
    const opts = options ?? {};
    const entry: ExitHookEntry = {
      lifecycle,
      beforeExit: opts.beforeExit !== false,
      signals: new Set(signalList(opts.signals)),
      timeoutMs: resolveTimeout(opts.timeoutMs, DEFAULT_EXIT_TIMEOUT_MS),
      flushedOnExit: false,
      activityAtLastFlush: 0,
    };
    return addExitHookEntry(entry);
  } catch {
    return () => undefined;
  }
}
