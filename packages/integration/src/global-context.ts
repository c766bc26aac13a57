import { context, propagation } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { CompositePropagator, W3CBaggagePropagator, W3CTraceContextPropagator } from '@opentelemetry/core';

/** What {@link ensureGlobalContextAndPropagation} installed this time. */
export interface GlobalContextResult {
  /** True when our `AsyncLocalStorageContextManager` became the global context manager. */
  contextManagerInstalled: boolean;
  /** True when the W3C trace-context + baggage propagator became the global propagator. */
  propagatorInstalled: boolean;
}

// The slot in which @opentelemetry/api 1.x keeps its globals (shared by every copy of the 1.x API).
const API_GLOBALS = Symbol.for('opentelemetry.js.api.1');

function registeredGlobal(type: 'context' | 'propagation'): boolean | undefined {
  try {
    const slot = (globalThis as Record<symbol, unknown>)[API_GLOBALS] as Record<string, unknown> | undefined;
    return slot === undefined ? false : slot[type] !== undefined;
  } catch {
    return undefined;
  }
}

function installContextManager(): boolean {
  // Pre-check the API's global slot so that an existing manager does not make the API print its
  // "duplicate registration" diag error; `setGlobalContextManager` returning false is the authority.
  if (registeredGlobal('context') === true) return false;
  const manager = new AsyncLocalStorageContextManager();
  manager.enable();
  const installed = context.setGlobalContextManager(manager);
  if (!installed) manager.disable();
  return installed;
}

function installPropagator(): boolean {
  // A propagator counts as present when the API's slot is taken or the active one announces fields
  // (`propagation.fields()` is empty for the API's no-op propagator).
  if (registeredGlobal('propagation') === true) return false;
  if (propagation.fields().length > 0) return false;
  return propagation.setGlobalPropagator(
    new CompositePropagator({ propagators: [new W3CTraceContextPropagator(), new W3CBaggagePropagator()] }),
  );
}

/**
 * Installs, only where nothing is installed yet, an `AsyncLocalStorageContextManager` as the global context
 * manager and the W3C trace-context + baggage composite as the global propagator. Idempotent: a second call,
 * or a call after the user (or `provider.register()`) installed their own, changes nothing. Never throws.
 */
export function ensureGlobalContextAndPropagation(): GlobalContextResult {
  let contextManagerInstalled = false;
  let propagatorInstalled = false;
  try {
    contextManagerInstalled = installContextManager();
  } catch {
    // keep whatever is there
  }
  try {
    propagatorInstalled = installPropagator();
  } catch {
    // keep whatever is there
  }
  return { contextManagerInstalled, propagatorInstalled };
}
