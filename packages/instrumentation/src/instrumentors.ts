import { errorMessage } from '@honeyhive/utils';
import type { Logger } from '@honeyhive/utils';
import { metrics } from '@opentelemetry/api';
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';

/**
 * The members of an OpenTelemetry instrumentation that registration uses. Structural, so instrumentations
 * built on any `@opentelemetry/instrumentation` version (OpenInference, Traceloop, contrib) are accepted.
 */
export interface InstrumentationLike {
  /** The instrumentation's name, used in log lines. */
  readonly instrumentationName?: string;
  /** Binds the instrumentation to a tracer provider. */
  setTracerProvider(tracerProvider: TracerProvider): void;
  /** Binds the instrumentation to a meter provider (registration passes the global one). */
  setMeterProvider(meterProvider: MeterProvider): void;
  /** Turns patching on. */
  enable(): void;
  /** Turns patching off. */
  disable(): void;
  /** The instrumentation's config; `enabled: false` means it was created disabled. */
  getConfig(): { enabled?: boolean };
}

/** A list of instrumentations; nested arrays are flattened, as `registerInstrumentations` does. */
export type InstrumentationList = ReadonlyArray<InstrumentationLike | ReadonlyArray<InstrumentationLike>>;

/** What {@link registerInstrumentors} needs from a tracer: the provider its spans go through. */
export interface InstrumentorHost {
  /** The tracer's own provider (`HoneyHiveTracer.provider`). */
  readonly provider?: TracerProvider | undefined;
}

/** Options of {@link registerInstrumentors}. */
export interface RegisterInstrumentorsOptions {
  /** Told (at `warn`) about each instrumentation that was skipped and why. Default: nowhere. */
  logger?: Logger;
}

/** Undoes a {@link registerInstrumentors} call: disables what it enabled. Idempotent; never throws. */
export type UnregisterInstrumentors = () => void;

const REQUIRED_METHODS = ['setTracerProvider', 'setMeterProvider', 'enable', 'disable', 'getConfig'] as const;

function nameOf(instrumentation: unknown, index: number): string {
  try {
    const name = (instrumentation as { instrumentationName?: unknown } | null)?.instrumentationName;
    if (typeof name === 'string' && name !== '') return name;
  } catch {
    // a throwing getter gets the positional name
  }
  return `instrumentations[${index}]`;
}

function missingMethod(instrumentation: unknown): string | undefined {
  if (instrumentation === null || typeof instrumentation !== 'object') return 'it is not an object';
  for (const method of REQUIRED_METHODS) {
    if (typeof (instrumentation as Record<string, unknown>)[method] !== 'function') return `it has no ${method}()`;
  }
  return undefined;
}

function isTracerProvider(value: unknown): value is TracerProvider {
  return value !== null && typeof value === 'object' && typeof (value as TracerProvider).getTracer === 'function';
}

function warn(logger: Logger | undefined, message: string): void {
  try {
    logger?.warn(message);
  } catch {
    // a logger that throws must not break registration
  }
}

function flatten(instrumentations: unknown): unknown[] {
  if (!Array.isArray(instrumentations)) return [];
  return instrumentations.flatMap((item: unknown) => (Array.isArray(item) ? item : [item]));
}

/**
 * What OpenTelemetry's `registerInstrumentations` does for one instrumentation and a tracer provider, without
 * loading `@opentelemetry/instrumentation` (require-in-the-middle, import-in-the-middle, the logs API): bind the
 * tracer provider and the global meter provider, and enable it unless it is enabled already (instrumentations
 * created enabled patched at construction). The logger provider is left alone: an instrumentation's logger
 * already comes from the global logs API. Returns what undoes it: `disable()`.
 */
function register(instrumentation: InstrumentationLike, provider: TracerProvider): () => void {
  instrumentation.setTracerProvider(provider);
  instrumentation.setMeterProvider(metrics.getMeterProvider());
  if (!instrumentation.getConfig().enabled) instrumentation.enable();
  return () => instrumentation.disable();
}

/**
 * Registers OpenTelemetry instrumentations against `tracer.provider` (never the global provider), so the
 * spans they create are stamped and exported by that tracer. Each instrumentation is registered on its
 * own: one that is not an instrumentation, or whose registration throws, is skipped and reported to
 * `options.logger`; the others still register. Returns a function that disables the registered ones.
 * Never throws.
 */
export function registerInstrumentors(
  tracer: InstrumentorHost,
  instrumentations: InstrumentationList,
  options: RegisterInstrumentorsOptions = {},
): UnregisterInstrumentors {
  const logger = options?.logger;
  const unregisters: Array<() => void> = [];
  let provider: unknown;
  try {
    provider = tracer?.provider;
  } catch {
    provider = undefined;
  }
  if (!isTracerProvider(provider)) {
    warn(logger, 'registerInstrumentors: the tracer has no provider; no instrumentation was registered');
    return () => {};
  }
  flatten(instrumentations).forEach((instrumentation, index) => {
    const name = nameOf(instrumentation, index);
    const problem = missingMethod(instrumentation);
    if (problem !== undefined) {
      warn(logger, `registerInstrumentors: skipped ${name}: ${problem}`);
      return;
    }
    try {
      unregisters.push(register(instrumentation as InstrumentationLike, provider));
    } catch (error) {
      warn(logger, `registerInstrumentors: skipped ${name}: ${errorMessage(error)}`);
      try {
        (instrumentation as InstrumentationLike).disable();
      } catch {
        // best effort: it may be half enabled
      }
    }
  });
  let done = false;
  return () => {
    if (done) return;
    done = true;
    for (const unregister of unregisters) {
      try {
        unregister();
      } catch (error) {
        warn(logger, `registerInstrumentors: disabling an instrumentation failed: ${errorMessage(error)}`);
      }
    }
  };
}
