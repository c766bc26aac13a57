import { trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';

/** What {@link releaseGlobalProvider} did. */
export type GlobalProviderRelease = 'not-global' | 'handed-over' | 'released';

interface SettableProxy extends TracerProvider {
  getDelegate(): TracerProvider;
  setDelegate(delegate: TracerProvider | undefined): void;
}

function isSettableProxy(provider: TracerProvider): provider is SettableProxy {
  const candidate = provider as Partial<SettableProxy>;
  return typeof candidate.getDelegate === 'function' && typeof candidate.setDelegate === 'function';
}

// The API's proxies that pointed at a released provider. Third-party code may hold tracers of these proxies (an
// instrumentation takes one at load); the next provider registered through `adoptReleasedProxies` reaches them.
const released = new Set<SettableProxy>();

/**
 * Called when `provider` shuts down. If it is the global provider's delegate: hands the global over to
 * `successor` (the API's proxy keeps its identity, so tracers third-party code already holds follow), else, with
 * no successor, empties the proxy and unregisters the global, so the next provider (the user's or a new tracer's)
 * can register. Never throws.
 */
export function releaseGlobalProvider(provider: TracerProvider, successor?: TracerProvider): GlobalProviderRelease {
  try {
    const proxy = trace.getTracerProvider();
    if (!isSettableProxy(proxy) || proxy.getDelegate() !== provider) return 'not-global';
    if (successor !== undefined) {
      proxy.setDelegate(successor);
      return 'handed-over';
    }
    // an empty proxy hands out no-op tracers without binding them, so they can follow a later provider
    proxy.setDelegate(undefined);
    released.add(proxy);
    trace.disable();
    return 'released';
  } catch {
    return 'not-global';
  }
}

/** Points the proxies emptied by {@link releaseGlobalProvider} at `provider`, the newly registered global one. */
export function adoptReleasedProxies(provider: TracerProvider): void {
  for (const proxy of released) proxy.setDelegate(provider);
  released.clear();
}
