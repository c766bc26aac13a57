import { types } from 'node:util';
import { DEFAULT_FLATTEN_LIMITS, SecretRedaction } from '@honeyhive/utils';
import type { EnrichmentOptions, Logger } from '@honeyhive/utils';
import type { CaptureOptions, MaskFunction } from './capture-options';
import type { TracerLike } from './tracer-resolution';

/** Capture settings for one call, after precedence (call option > tracer setting > default). */
export interface CaptureSettings {
  readonly captureInputs: boolean;
  readonly captureOutputs: boolean;
  readonly mask: MaskFunction | undefined;
  readonly redaction: SecretRedaction;
  readonly legacyInputShape: boolean;
  readonly maxAttributes: number;
  readonly logger: Logger | undefined;
  /** `maxAttributes`, `mask` and `redaction` as the options of an enrichment capture. */
  readonly enrichment: EnrichmentOptions;
}

/** The capture-related fields a call may set. */
export type CaptureOverrides = Partial<Pick<CaptureOptions, 'captureInputs' | 'captureOutputs' | 'mask' | 'legacyInputShape'>>;

function tracerCaptureOptions(tracer: TracerLike | undefined): CaptureOptions {
  try {
    const options = tracer?.captureOptions;
    return options !== null && typeof options === 'object' ? options : {};
  } catch {
    return {};
  }
}

function pickBoolean(call: unknown, tracer: unknown, fallback: boolean): boolean {
  if (typeof call === 'boolean') return call;
  if (typeof tracer === 'boolean') return tracer;
  return fallback;
}

function pickFunction<T>(call: T | undefined, tracer: T | undefined): T | undefined {
  if (typeof call === 'function') return call;
  if (typeof tracer === 'function') return tracer;
  return undefined;
}

/** Resolves the settings of one call. Never throws (a hostile options object gives the defaults). */
export function resolveCaptureSettings(call: CaptureOverrides | undefined, tracer: TracerLike | undefined): CaptureSettings {
  try {
    const fromTracer = tracerCaptureOptions(tracer);
    const max = fromTracer.maxAttributes;
    const mask = pickFunction(call?.mask, fromTracer.mask);
    const redaction = fromTracer.redaction instanceof SecretRedaction ? fromTracer.redaction : SecretRedaction.DEFAULT;
    const maxAttributes = typeof max === 'number' && max >= 0 ? Math.floor(max) : DEFAULT_FLATTEN_LIMITS.maxAttributes;
    return {
      captureInputs: pickBoolean(call?.captureInputs, fromTracer.captureInputs, true),
      captureOutputs: pickBoolean(call?.captureOutputs, fromTracer.captureOutputs, true),
      mask,
      redaction,
      legacyInputShape: pickBoolean(call?.legacyInputShape, fromTracer.legacyInputShape, false),
      maxAttributes,
      logger: fromTracer.logger,
      enrichment: { maxAttributes, mask, redaction },
    };
  } catch {
    const maxAttributes = DEFAULT_FLATTEN_LIMITS.maxAttributes;
    return {
      captureInputs: true,
      captureOutputs: true,
      mask: undefined,
      redaction: SecretRedaction.DEFAULT,
      legacyInputShape: false,
      maxAttributes,
      logger: undefined,
      enrichment: { maxAttributes, mask: undefined, redaction: SecretRedaction.DEFAULT },
    };
  }
}

/** One remembered resolution of {@link cachedCaptureSettings}: the tracer's `captureOptions` it was made from. */
export interface SettingsCache {
  from: unknown;
  settings: CaptureSettings | undefined;
}

/** An empty {@link SettingsCache}. */
export function newSettingsCache(): SettingsCache {
  return { from: undefined, settings: undefined };
}

/**
 * {@link resolveCaptureSettings} for call options that never change (`adjust` applied to the result), kept in
 * `cache` while the tracer hands out the same frozen `captureOptions` object (a HoneyHive tracer does: its
 * config is frozen) — or none at all. Options that could change (an object that is not frozen) are read
 * again on every call. Never throws.
 */
export function cachedCaptureSettings(
  cache: SettingsCache,
  call: CaptureOverrides | undefined,
  tracer: TracerLike | undefined,
  adjust?: (settings: CaptureSettings) => CaptureSettings,
): CaptureSettings {
  let from: unknown;
  try {
    from = tracer?.captureOptions;
  } catch {
    return resolveCaptureSettings(call, tracer);
  }
  const cached = cache.settings;
  if (cached !== undefined && cache.from === from) return cached;
  let settings = resolveCaptureSettings(call, tracer);
  if (adjust !== undefined) settings = adjust(settings);
  if (from === null || typeof from !== 'object' || isFixed(from)) {
    cache.from = from;
    cache.settings = settings;
  }
  return settings;
}

/** True for a frozen plain object of data properties only: reading it again always gives the same values. */
function isFixed(options: object): boolean {
  try {
    if (types.isProxy(options) || !Object.isFrozen(options)) return false;
    const proto: unknown = Object.getPrototypeOf(options);
    if (proto !== Object.prototype && proto !== null) return false;
    return Object.values(Object.getOwnPropertyDescriptors(options)).every((descriptor) => 'value' in descriptor);
  } catch {
    return false;
  }
}
