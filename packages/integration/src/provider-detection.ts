import { ProxyTracerProvider, trace } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/api';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { adoptReleasedProxies } from './global-provider-release';

/**
 * What is registered as the global OpenTelemetry tracer provider:
 * - `none`: nothing (the API's no-op provider answers);
 * - `sdk`: an OpenTelemetry SDK provider (`BasicTracerProvider`, `NodeTracerProvider`, or one with the same
 *   shape from another copy of the SDK);
 * - `other`: some other provider (a vendor's, a custom one).
 */
export type GlobalProviderKind = 'none' | 'sdk' | 'other';

/** The result of {@link detectGlobalProvider}. `provider` is the real provider (the proxy's delegate), absent for `none`. */
export interface GlobalProviderInfo {
  kind: GlobalProviderKind;
  provider?: TracerProvider;
}

type Delegating = TracerProvider & { getDelegate(): TracerProvider };

function isDelegating(provider: TracerProvider): provider is Delegating {
  return typeof (provider as Partial<Delegating>).getDelegate === 'function';
}

// The API's no-op provider singleton (what an empty proxy delegates to) of this copy of @opentelemetry/api.
function noopProviderOfThisApi(): TracerProvider {
  return new ProxyTracerProvider().getDelegate();
}

function isNoop(provider: TracerProvider): boolean {
  if (provider === noopProviderOfThisApi()) return true;
  // Another copy of @opentelemetry/api can own the global; its no-op has the same class name.
  return provider.constructor?.name === 'NoopTracerProvider';
}

function isSdkProvider(provider: TracerProvider): boolean {
  if (provider instanceof BasicTracerProvider) return true;
  const candidate = provider as { forceFlush?: unknown; shutdown?: unknown };
  return typeof candidate.forceFlush === 'function' && typeof candidate.shutdown === 'function';
}

/**
 * Reads the global tracer provider. The API always hands out its `ProxyTracerProvider`; the provider a user
 * (or another library) registered is the proxy's delegate, and the API's `NoopTracerProvider` means none.
 * Never throws (a failure reads as `other`, so nobody overwrites what might be a user's provider).
 */
export function detectGlobalProvider(): GlobalProviderInfo {
  try {
    const global = trace.getTracerProvider();
    const provider = isDelegating(global) ? global.getDelegate() : global;
    if (provider === undefined || provider === null || isNoop(provider)) return { kind: 'none' };
    return { kind: isSdkProvider(provider) ? 'sdk' : 'other', provider };
  } catch {
    return { kind: 'other' };
  }
}

/** Options of {@link shouldRegisterGlobalProvider}. */
export interface RegisterGlobalOptions {
  /** False when the user opted out of global registration. Default true. */
  registerGlobal?: boolean;
}

/** True only when no global provider is registered yet and the user did not opt out (`registerGlobal: false`). */
export function shouldRegisterGlobalProvider(options: RegisterGlobalOptions = {}): boolean {
  if (options.registerGlobal === false) return false;
  return detectGlobalProvider().kind === 'none';
}

/**
 * Makes `provider` the global tracer provider if, and only if, none is registered yet: the first HoneyHive
 * tracer wins and a user's own provider is never replaced. Tracers third-party code took from a global proxy that
 * `releaseGlobalProvider` emptied follow `provider` too. Returns whether `provider` was registered (true
 * also when it already is the global one). Never throws.
 */
export function registerGlobalProvider(provider: TracerProvider): boolean {
  try {
    const current = detectGlobalProvider();
    if (current.kind !== 'none') return current.provider === provider;
    const registered = trace.setGlobalTracerProvider(provider);
    if (registered) adoptReleasedProxies(provider);
    return registered;
  } catch {
    return false;
  }
}
