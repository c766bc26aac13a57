import type { TracerProvider } from '@opentelemetry/api';
import { detectGlobalProvider, releaseGlobalProvider, watchRefusedTraceRegistration } from '@honeyhive/integration';
import type { Logger } from '@honeyhive/utils';
import { firstTimeInProcess } from './said-once';
import { liveTracers } from './tracer-registry';

/** The one line logged when OpenTelemetry refuses a provider's `register()` because a HoneyHive tracer is global. */
const REFUSED_REGISTRATION_MESSAGE =
  "HoneyHive: OpenTelemetry refused another tracer provider's register() because a HoneyHive tracer is already the " +
  'global provider (spans of the global API keep going to HoneyHive; that provider gets none): create the HoneyHive ' +
  'tracer with `registerGlobal: false`, or register your provider before creating it.';

interface Candidate {
  provider: TracerProvider;
  logger: Logger;
}

// Tracers that may be the global provider (enabled, `registerGlobal` not false) → their provider and logger.
// Weak: never keeps a tracer alive (a tracer user code dropped is collected without shutdown()).
const candidates = new WeakMap<object, Candidate>();

// One listener for the process's tracers of this copy: it holds no tracer, and finds the live one that is global.
function onRefusedRegistration(): void {
  const global = detectGlobalProvider().provider;
  for (const tracer of liveTracers()) {
    const candidate = candidates.get(tracer);
    if (candidate === undefined || candidate.provider !== global) continue;
    if (firstTimeInProcess(REFUSED_REGISTRATION_MESSAGE)) candidate.logger.warn(REFUSED_REGISTRATION_MESSAGE);
    return;
  }
}

/**
 * Records that `tracer` may hold the global provider (it may take it over when the global one shuts down), and
 * makes sure {@link REFUSED_REGISTRATION_MESSAGE} is logged (once in the process, as a warning, by the global
 * tracer) when another provider's `register()` is refused while a tracer's provider is the global one.
 */
export function offerGlobalProvider(tracer: object, provider: TracerProvider, logger: Logger): void {
  candidates.set(tracer, { provider, logger });
  watchRefusedTraceRegistration(onRefusedRegistration);
}

/**
 * Called when `tracer` shuts down (after it left the registry): if its provider is the global one, the oldest
 * live tracer that may hold the global takes it over, so third-party spans keep flowing; with none, the global
 * is released, so a user's provider or a later tracer can register.
 */
export function handOverGlobalProvider(tracer: object, logger: Logger): void {
  const own = candidates.get(tracer);
  if (own === undefined) return;
  candidates.delete(tracer);
  const successor = liveTracers()
    .map((live) => candidates.get(live)?.provider)
    .find((provider) => provider !== undefined);
  const outcome = releaseGlobalProvider(own.provider, successor);
  if (outcome === 'handed-over') logger.debug('HoneyHive: the global tracer provider passed to the oldest live tracer');
  if (outcome === 'released') logger.debug('HoneyHive: released the global tracer provider (no live tracer takes it over)');
}
