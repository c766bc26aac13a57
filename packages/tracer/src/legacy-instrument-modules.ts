import type { InstrumentationLike } from '@honeyhive/instrumentation';
import type { Logger } from '@honeyhive/utils';

/** What {@link planInstrumentModules} decided for an npm `honeyhive` 1.x `instrumentModules` map. */
export interface InstrumentModulesPlan {
  /** Entries whose value is itself an OpenTelemetry instrumentation: register them on the tracer's provider. */
  register: InstrumentationLike[];
  /** Modules handed to a configured instrumentation's `manuallyInstrument(module)`. */
  manual: Array<{ key: string; instrumentation: ManualInstrumentation; module: unknown }>;
  /** Keys of modules no configured instrumentation can patch. */
  unmatched: string[];
}

/** An instrumentation with Traceloop's / OpenInference's `manuallyInstrument(module)`. */
export interface ManualInstrumentation {
  readonly instrumentationName?: string;
  manuallyInstrument(module: unknown): void;
}

// 1.x keys (Traceloop's names) whose instrumentation name does not contain the key itself.
const NAME_HINTS: Readonly<Record<string, readonly string[]>> = {
  azureopenai: ['azure'],
  googlevertexai: ['vertexai', 'vertex'],
  googleaiplatform: ['aiplatform'],
  llamaindex: ['llamaindex'],
};

const normalize = (text: string) => text.toLowerCase().replace(/[^a-z0-9]/g, '');

function isInstrumentation(value: unknown): value is InstrumentationLike {
  return (
    value !== null &&
    typeof value === 'object' &&
    typeof (value as InstrumentationLike).setTracerProvider === 'function' &&
    typeof (value as InstrumentationLike).enable === 'function'
  );
}

function isManual(value: unknown): value is ManualInstrumentation {
  return value !== null && typeof value === 'object' && typeof (value as ManualInstrumentation).manuallyInstrument === 'function';
}

function nameOf(instrumentation: ManualInstrumentation): string {
  try {
    return typeof instrumentation.instrumentationName === 'string' ? normalize(instrumentation.instrumentationName) : '';
  } catch {
    return '';
  }
}

/**
 * Maps npm `honeyhive` 1.x's `instrumentModules` (`{ openAI: OpenAI, anthropic: Anthropic, … }`, which 1.x
 * handed to its bundled Traceloop instrumentations) onto bring-your-own instrumentation: an entry that is an
 * instrumentation is registered; a module is given to the `manuallyInstrument` of a configured instrumentation
 * whose name matches the key (e.g. `openAI` → `@traceloop/instrumentation-openai` or
 * `@arizeai/openinference-instrumentation-openai`); other modules are listed as unmatched. Pure.
 */
export function planInstrumentModules(modules: Record<string, unknown> | undefined, instrumentations: readonly unknown[]): InstrumentModulesPlan {
  const plan: InstrumentModulesPlan = { register: [], manual: [], unmatched: [] };
  if (modules === null || typeof modules !== 'object') return plan;
  const given = Object.entries(modules).filter(([, value]) => value !== undefined && value !== null);
  for (const [, value] of given) if (isInstrumentation(value)) plan.register.push(value);
  const candidates = [...instrumentations.flat(), ...plan.register].filter(isManual);
  for (const [key, value] of given) {
    if (isInstrumentation(value)) continue;
    const wanted = [normalize(key), ...(NAME_HINTS[normalize(key)] ?? [])];
    const instrumentation = candidates.find((candidate) => wanted.some((hint) => hint !== '' && nameOf(candidate).includes(hint)));
    if (instrumentation === undefined) plan.unmatched.push(key);
    else plan.manual.push({ key, instrumentation, module: value });
  }
  return plan;
}

/** Calls `manuallyInstrument` for each planned module and warns once about the unmatched ones. Never throws. */
export function applyManualInstrumentation(plan: InstrumentModulesPlan, logger: Logger): void {
  for (const { key, instrumentation, module } of plan.manual) {
    try {
      instrumentation.manuallyInstrument(module);
    } catch (error) {
      logger.warn(`HoneyHive config: instrumentModules.${key}: manuallyInstrument failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  if (plan.unmatched.length > 0) {
    const keys = plan.unmatched.map((key) => `instrumentModules.${key}`).join(', ');
    logger.warn(
      `HoneyHive config: ${keys}: @honeyhive/tracer bundles no instrumentation, so these modules are not traced. ` +
        'Fix: install an OpenInference or Traceloop instrumentation and pass it in `instrumentations` ' +
        '(e.g. instrumentations: [new OpenAIInstrumentation()], instrumentModules: { openAI: OpenAI })',
    );
  }
}
