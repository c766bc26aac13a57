import { context as otelContext, createContextKey, type Context } from '@opentelemetry/api';
import type { HoneyHiveTracerBase } from './tracer-base';

/**
 * The context key under which a tracer marks "this context is in my scope" (set by its `startSpan`,
 * `withSession`, `withDistributedContext`, …). `Symbol.for` based, so two copies of this module agree.
 */
export const ACTIVE_TRACER_KEY = createContextKey('honeyhive.core.active_tracer');

/**
 * More live tracers than this at once is unusual (one per project or tenant is the norm): the tracer that
 * crosses it logs one warning per process, since it usually means `init()` per request without `shutdown()`.
 */
export const MANY_TRACERS_THRESHOLD = 100;

// The only module-level mutable state of @honeyhive/core: which tracers exist and which one is the default.
// Tracers are held weakly, so a tracer user code no longer references can be collected (its pipeline then
// flushes and shuts itself down, see tracer-pipeline.ts). The default tracer is held strongly: `trace()` and
// the decorators find it through the registry alone, so an app may create it and keep no reference.
const entries = new Set<WeakRef<HoneyHiveTracerBase>>();
const refs = new WeakMap<HoneyHiveTracerBase, WeakRef<HoneyHiveTracerBase>>();
const collected = new FinalizationRegistry<WeakRef<HoneyHiveTracerBase>>((ref) => entries.delete(ref));
let implicitDefault: HoneyHiveTracerBase | undefined;
let explicitDefault: HoneyHiveTracerBase | undefined;
let crowdWarned = false;
// Warnings that hold for the whole process (the same misconfiguration in every tracer): said once.
const saidOnce = new Set<string>();
const MAX_SAID_ONCE = 100;

function oldestLive(): HoneyHiveTracerBase | undefined {
  for (const ref of entries) {
    const tracer = ref.deref();
    if (tracer !== undefined) return tracer;
  }
  return undefined;
}

function liveCount(): number {
  let count = 0;
  for (const ref of entries) if (ref.deref() !== undefined) count += 1;
  return count;
}

/** The warning logged the first time more than {@link MANY_TRACERS_THRESHOLD} tracers are alive. */
export function manyTracersWarning(count: number): string {
  return (
    `HoneyHive: ${count} tracers are alive at once in this process. Create one tracer and reuse it, or call ` +
    `shutdown() on each tracer when its work is done (init() per request without shutdown() keeps them alive until ` +
    `they are garbage-collected). This warning is logged once.`
  );
}

/**
 * Adds a tracer to the registry (tracers do this in their constructor). The first one becomes the default.
 * Returns the number of live tracers the first time in this process that it exceeds
 * {@link MANY_TRACERS_THRESHOLD} (the caller warns once), else undefined.
 */
export function registerTracer(tracer: HoneyHiveTracerBase): number | undefined {
  if (tracer === undefined || tracer === null || refs.has(tracer)) return undefined;
  const ref = new WeakRef(tracer);
  entries.add(ref);
  refs.set(tracer, ref);
  collected.register(tracer, ref, ref);
  implicitDefault ??= tracer;
  // counting is O(live tracers), so it is done only past the threshold and only until the one warning
  if (crowdWarned || entries.size <= MANY_TRACERS_THRESHOLD) return undefined;
  const count = liveCount();
  if (count <= MANY_TRACERS_THRESHOLD) return undefined;
  crowdWarned = true;
  return count;
}

/** Removes a tracer (tracers do this on shutdown); if it was the default, the oldest remaining one takes over. */
export function unregisterTracer(tracer: HoneyHiveTracerBase): void {
  const ref = refs.get(tracer);
  if (ref !== undefined) {
    refs.delete(tracer);
    entries.delete(ref);
    collected.unregister(ref);
  }
  if (explicitDefault === tracer) explicitDefault = undefined;
  if (implicitDefault === tracer) implicitDefault = oldestLive();
}

/** The default tracer: the one set with {@link setDefaultTracer}, else the first registered that is still running. */
export function getDefaultTracer(): HoneyHiveTracerBase | undefined {
  return explicitDefault ?? implicitDefault;
}

/** Makes `tracer` the default; `undefined` goes back to "the first registered". */
export function setDefaultTracer(tracer: HoneyHiveTracerBase | undefined): void {
  explicitDefault = tracer ?? undefined;
}

/** Every registered (running, not collected) tracer, oldest first. A copy. */
export function registeredTracers(): HoneyHiveTracerBase[] {
  const tracers: HoneyHiveTracerBase[] = [];
  for (const ref of entries) {
    const tracer = ref.deref();
    if (tracer !== undefined) tracers.push(tracer);
  }
  return tracers;
}

/**
 * The tracer whose scope `ctx` is in (the innermost `startSpan`/`withSession`/`withDistributedContext` of a
 * still-registered tracer), else the default tracer. Never throws.
 */
export function findTracer(ctx?: Context): HoneyHiveTracerBase | undefined {
  try {
    const value = (ctx ?? otelContext.active()).getValue(ACTIVE_TRACER_KEY) as HoneyHiveTracerBase | undefined;
    if (value !== undefined && refs.has(value)) return value;
  } catch {
    // fall through to the default
  }
  return getDefaultTracer();
}

const unreachable = new FinalizationRegistry<{ shutdown(): Promise<unknown> }>((target) => {
  target.shutdown().catch(() => undefined);
});

/**
 * Shuts `target` down once `handle` has been garbage-collected. `target` must not lead back to `handle`
 * (it would keep it alive). Used for a tracer's pipeline: `handle` is the span gate, `target` its lifecycle.
 */
export function shutDownWhenUnreachable(handle: object, target: { shutdown(): Promise<unknown> }): void {
  unreachable.register(handle, target);
}

/**
 * True the first time `message` is asked about in this process, false afterwards: for warnings that every
 * tracer of a process would otherwise repeat (e.g. one per request). Remembers at most 100 messages.
 */
export function firstTimeInProcess(message: string): boolean {
  if (saidOnce.has(message)) return false;
  if (saidOnce.size < MAX_SAID_ONCE) saidOnce.add(message);
  return true;
}
