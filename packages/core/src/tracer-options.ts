import type { TracerOptions } from './config/types';
import type { ExitHookChoice } from './tracer-pipeline';

/**
 * What a tracer's constructor accepts: every {@link TracerOptions} field, plus the exit-hook choices, which
 * belong to the running tracer rather than to its configuration.
 */
export interface HoneyHiveTracerOptions extends TracerOptions, ExitHookChoice {}

const EXIT_HOOK_KEYS = ['flushOnExit', 'flushOnSignals'] as const;

/**
 * Separates the exit-hook choices from the configuration options. The options object is copied with its
 * property descriptors, so a non-enumerable API key (as `TracerConfig` stores it) is kept.
 */
export function splitTracerOptions(options: HoneyHiveTracerOptions | undefined): { settings: TracerOptions | undefined; exitHooks: ExitHookChoice } {
  if (options === null || typeof options !== 'object') return { settings: options, exitHooks: {} };
  if (!EXIT_HOOK_KEYS.some((key) => Object.prototype.hasOwnProperty.call(options, key))) return { settings: options, exitHooks: {} };
  const exitHooks: ExitHookChoice = { flushOnExit: options.flushOnExit, flushOnSignals: options.flushOnSignals };
  const descriptors: PropertyDescriptorMap = Object.getOwnPropertyDescriptors(options);
  for (const key of EXIT_HOOK_KEYS) delete descriptors[key];
  for (const descriptor of Object.values(descriptors)) descriptor.configurable = true;
  const settings = Object.create(Object.getPrototypeOf(options), descriptors) as TracerOptions;
  return { settings, exitHooks };
}
