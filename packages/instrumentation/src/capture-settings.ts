import { DEFAULT_FLATTEN_LIMITS, SecretRedaction } from '@honeyhive/utils';
import type { Logger } from '@honeyhive/utils';
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
    return {
      captureInputs: pickBoolean(call?.captureInputs, fromTracer.captureInputs, true),
      captureOutputs: pickBoolean(call?.captureOutputs, fromTracer.captureOutputs, true),
      mask: pickFunction(call?.mask, fromTracer.mask),
      redaction: fromTracer.redaction instanceof SecretRedaction ? fromTracer.redaction : SecretRedaction.DEFAULT,
      legacyInputShape: pickBoolean(call?.legacyInputShape, fromTracer.legacyInputShape, false),
      maxAttributes: typeof max === 'number' && max >= 0 ? Math.floor(max) : DEFAULT_FLATTEN_LIMITS.maxAttributes,
      logger: fromTracer.logger,
    };
  } catch {
    return {
      captureInputs: true,
      captureOutputs: true,
      mask: undefined,
      redaction: SecretRedaction.DEFAULT,
      legacyInputShape: false,
      maxAttributes: DEFAULT_FLATTEN_LIMITS.maxAttributes,
      logger: undefined,
    };
  }
}
