import { processWide, type Logger } from '@honeyhive/utils';
import { firstTimeInProcess } from './said-once';
import { TRACER_VERSION } from './version';

/**
 * More live tracers than this at once is unusual (one per project or tenant is the norm): the tracer that
 * crosses it logs one warning per process, since it usually means `init()` per request without `shutdown()`.
 */
const MANY_TRACERS_THRESHOLD = 100;

// Which tracers exist and which one is the default: the process-wide state of @honeyhive/core, kept on a
// globalThis symbol and shared by every copy of the package on the same compatibility line (see `processWide`),
// so a plugin's copy finds the tracers the app created through its own. Tracers are held weakly, so a tracer user
// code no longer references can be collected (its pipeline then flushes and shuts itself down, see
// tracer-pipeline.ts). The default tracer is held strongly: `trace()` and the decorators find it through the
// registry alone, so an app may create it and keep no reference.
// The fields are the contract between the copies of one line: a later version may add fields, never change one.
interface RegistryState {
  /** Registered tracers, oldest first. */
  readonly entries: Set<WeakRef<object>>;
  /** Each registered tracer's entry. */
  readonly refs: WeakMap<object, WeakRef<object>>;
  /** Removes the entry of a collected tracer. */
  readonly collected: FinalizationRegistry<WeakRef<object>>;
  /** The first registered tracer still running. */
  implicitDefault: object | undefined;
  /** The tracer set with `setDefaultTracer`. */
  explicitDefault: object | undefined;
  /** Whether the "many tracers" warning was given. */
  crowdWarned: boolean;
}

function createState(): RegistryState {
  const entries = new Set<WeakRef<object>>();
  return {
    entries,
    refs: new WeakMap(),
    collected: new FinalizationRegistry((ref) => entries.delete(ref)),
    implicitDefault: undefined,
    explicitDefault: undefined,
    crowdWarned: false,
  };
}

const registry = processWide('core.registry', TRACER_VERSION, createState);
const state = registry.state;

function oldestLive(): object | undefined {
  for (const ref of state.entries) {
    const tracer = ref.deref();
    if (tracer !== undefined) return tracer;
  }
  return undefined;
}

function liveCount(): number {
  let count = 0;
  for (const ref of state.entries) if (ref.deref() !== undefined) count += 1;
  return count;
}

/** The warning logged the first time more than {@link MANY_TRACERS_THRESHOLD} tracers are alive. */
function manyTracersWarning(count: number): string {
  return (
    `HoneyHive: ${count} tracers are alive at once in this process. Create one tracer and reuse it, or call ` +
    `shutdown() on each tracer when its work is done (init() per request without shutdown() keeps them alive until ` +
    `they are garbage-collected). This warning is logged once.`
  );
}

/** Why tracers of this copy and tracers of another copy of @honeyhive/core do not see each other; else undefined. */
function registrySplitNotice(): string | undefined {
  const fix = 'Install one version of the @honeyhive packages (`npm ls @honeyhive/core` shows what brings each).';
  if (!registry.shared) {
    return (
      `HoneyHive: @honeyhive/core ${TRACER_VERSION} keeps a tracer registry of its own (globalThis cannot hold the ` +
      `shared one): another copy of the package in this process would not see its tracers. ${fix}`
    );
  }
  const others = registry.incompatibleVersions();
  if (others.length === 0) return undefined;
  return (
    `HoneyHive: @honeyhive/core ${TRACER_VERSION} keeps a tracer registry apart from @honeyhive/core ` +
    `${others.join(', ')}, also loaded in this process (versions that cannot share one): getDefaultTracer(), ` +
    `findTracer() and trace() through one do not see the tracers created through the other. ${fix}`
  );
}

/**
 * Adds a tracer to the registry. The first one becomes the default. Returns the number of live tracers the
 * first time in this process that it exceeds {@link MANY_TRACERS_THRESHOLD} (the caller warns once), else undefined.
 */
function addTracer(tracer: object): number | undefined {
  if (tracer === null || typeof tracer !== 'object' || state.refs.has(tracer)) return undefined;
  const ref = new WeakRef(tracer);
  state.entries.add(ref);
  state.refs.set(tracer, ref);
  state.collected.register(tracer, ref, ref);
  state.implicitDefault ??= tracer;
  // counting is O(live tracers), so it is done only past the threshold and only until the one warning
  if (state.crowdWarned || state.entries.size <= MANY_TRACERS_THRESHOLD) return undefined;
  const count = liveCount();
  if (count <= MANY_TRACERS_THRESHOLD) return undefined;
  state.crowdWarned = true;
  return count;
}

/**
 * What a tracer's constructor does: {@link addTracer}, then the "many tracers" warning, and in verbose mode the
 * {@link registrySplitNotice} (once in the process).
 */
export function joinRegistry(tracer: object, logger: Logger, verbose: boolean): void {
  const liveTracers = addTracer(tracer);
  if (liveTracers !== undefined) logger.warn(manyTracersWarning(liveTracers));
  if (!verbose) return;
  const split = registrySplitNotice();
  if (split !== undefined && firstTimeInProcess(split)) logger.debug(split);
}

/** Removes a tracer; if it was the default, the oldest remaining one takes over. */
export function removeTracer(tracer: object): void {
  const ref = state.refs.get(tracer);
  if (ref !== undefined) {
    state.refs.delete(tracer);
    state.entries.delete(ref);
    state.collected.unregister(ref);
  }
  if (state.explicitDefault === tracer) state.explicitDefault = undefined;
  if (state.implicitDefault === tracer) state.implicitDefault = oldestLive();
}

/** True when `value` is a registered tracer. */
export function isRegistered(value: unknown): boolean {
  return value !== null && typeof value === 'object' && state.refs.has(value);
}

/** The tracer set with {@link setDefault}, else the first registered that is still running. */
export function defaultTracer(): object | undefined {
  return state.explicitDefault ?? state.implicitDefault;
}

/** Makes `tracer` the default; `undefined` goes back to "the first registered". */
export function setDefault(tracer: object | undefined): void {
  state.explicitDefault = tracer ?? undefined;
}

/** Every registered (running, not collected) tracer, oldest first. A copy. */
export function liveTracers(): object[] {
  const tracers: object[] = [];
  for (const ref of state.entries) {
    const tracer = ref.deref();
    if (tracer !== undefined) tracers.push(tracer);
  }
  return tracers;
}
