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

/** Removes our listener and re-raises `signal` when nobody else listens for it; the default action then ends the process. */
function reraiseIfAlone(signal: NodeJS.Signals): void {
  const ours = signalListeners.get(signal);
  const others = process.listeners(signal).filter((listener) => listener !== ours);
  if (others.length > 0) return;
  if (ours) process.removeListener(signal, ours);
  signalListeners.delete(signal);
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
    const appListens = process.listeners(signal).some((listener) => listener !== ours);
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
  return (signal) => {
    handleSignal(signal).catch(() => undefined);
  };
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
