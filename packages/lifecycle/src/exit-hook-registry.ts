// One process listener per event, shared by every lifecycle that installed exit hooks.
import type { TracerLifecycle } from './tracer-lifecycle';

/** One `installExitHooks` call. */
export interface ExitHookEntry {
  lifecycle: TracerLifecycle;
  beforeExit: boolean;
  signals: Set<NodeJS.Signals>;
  /** How long an exit flush or shutdown may keep the process (ms). */
  timeoutMs: number;
  /** Whether a beforeExit flush happened, and the lifecycle's activity count when it did. */
  flushedOnExit: boolean;
  activityAtLastFlush: number;
}

type SignalListener = (signal: NodeJS.Signals) => void;

// Marks the signal listeners of this package, whichever copy or version of it installed them (a plugin or a bundle
// may bring a second copy). Per copy is enough for the rest of this module's state: each copy flushes its own
// lifecycles. But a copy must not take another copy's listener for the app's, or neither re-raises the signal and
// the process outlives it.
const OUR_LISTENER = Symbol.for('honeyhive.lifecycle.signal_listener');

function isOurs(listener: unknown): boolean {
  return typeof listener === 'function' && (listener as unknown as Record<symbol, unknown>)[OUR_LISTENER] === true;
}

const entries = new Set<ExitHookEntry>();
const signalListeners = new Map<NodeJS.Signals, SignalListener>();
const signalsInProgress = new Set<NodeJS.Signals>();
let beforeExitListener: (() => void) | undefined;
let exitListener: (() => void) | undefined;

function isLive(entry: ExitHookEntry): boolean {
  return entry.lifecycle.state !== 'shut_down';
}

function onBeforeExit(): void {
  for (const entry of [...entries]) {
    if (!entry.beforeExit || !isLive(entry)) continue;
    const activity = entry.lifecycle.activityCount;
    if (entry.flushedOnExit && activity === entry.activityAtLastFlush) continue;
    entry.flushedOnExit = true;
    entry.activityAtLastFlush = activity;
    void entry.lifecycle.flush(entry.timeoutMs);
  }
}

/** The process is ending: what no flush delivered is counted as lost (and warned about) by each lifecycle. */
function onExit(): void {
  for (const entry of [...entries]) {
    if (isLive(entry)) entry.lifecycle.abandonPending();
  }
}

/**
 * Unless the app listens for `signal`, removes our listener and re-raises the signal, so its default action ends
 * the process; when another copy of this package still listens, that copy re-raises it once it is done.
 */
function reraiseIfAlone(signal: NodeJS.Signals): void {
  const ours = signalListeners.get(signal);
  const others = process.listeners(signal).filter((listener) => listener !== ours);
  if (others.some((listener) => !isOurs(listener))) return;
  if (ours) process.removeListener(signal, ours);
  signalListeners.delete(signal);
  if (others.length > 0) return;
  process.kill(process.pid, signal);
}

async function handleSignal(signal: NodeJS.Signals): Promise<void> {
  if (signalsInProgress.has(signal)) {
    reraiseIfAlone(signal);
    return;
  }
  signalsInProgress.add(signal);
  try {
    const ours = signalListeners.get(signal);
    const appListens = process.listeners(signal).some((listener) => listener !== ours && !isOurs(listener));
    const targets = [...entries].filter((entry) => entry.signals.has(signal) && isLive(entry));
    await Promise.all(
      targets.map((entry) => (appListens ? entry.lifecycle.flush(entry.timeoutMs) : entry.lifecycle.shutdown(entry.timeoutMs))),
    );
  } finally {
    signalsInProgress.delete(signal);
  }
  reraiseIfAlone(signal);
}

function makeSignalListener(): SignalListener {
  const listener: SignalListener = (signal) => {
    handleSignal(signal).catch(() => undefined);
  };
  Object.defineProperty(listener, OUR_LISTENER, { value: true });
  return listener;
}

/** Adds or removes the process listeners so that exactly the events some entry wants are listened to. */
function syncListeners(): void {
  const wantExit = entries.size > 0;
  if (wantExit && !exitListener) {
    exitListener = onExit;
    process.on('exit', exitListener);
  } else if (!wantExit && exitListener) {
    process.removeListener('exit', exitListener);
    exitListener = undefined;
  }
  const wantBeforeExit = [...entries].some((entry) => entry.beforeExit);
  if (wantBeforeExit && !beforeExitListener) {
    beforeExitListener = onBeforeExit;
    process.on('beforeExit', beforeExitListener);
  } else if (!wantBeforeExit && beforeExitListener) {
    process.removeListener('beforeExit', beforeExitListener);
    beforeExitListener = undefined;
  }
  const wanted = new Set<NodeJS.Signals>();
  for (const entry of entries) for (const signal of entry.signals) wanted.add(signal);
  for (const signal of wanted) {
    if (signalListeners.has(signal)) continue;
    const listener = makeSignalListener();
    try {
      process.on(signal, listener);
      signalListeners.set(signal, listener);
    } catch {
      // a signal this platform cannot listen for
    }
  }
  for (const [signal, listener] of [...signalListeners]) {
    if (wanted.has(signal)) continue;
    process.removeListener(signal, listener);
    signalListeners.delete(signal);
  }
}

/** Registers `entry`; returns its idempotent uninstall. The entry also leaves when its lifecycle is shut down. */
export function addExitHookEntry(entry: ExitHookEntry): () => void {
  if (!isLive(entry)) return () => undefined;
  let installed = true;
  let unsubscribe: () => void = () => undefined;
  const uninstall = (): void => {
    if (!installed) return;
    installed = false;
    unsubscribe();
    entries.delete(entry);
    try {
      syncListeners();
    } catch {
      // never throw from an uninstall
    }
  };
  unsubscribe = entry.lifecycle.onStateChange((state) => {
    if (state === 'shut_down') uninstall();
  });
  entries.add(entry);
  syncListeners();
  return uninstall;
}
