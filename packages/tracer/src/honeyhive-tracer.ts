import {
  HoneyHiveTracerBase,
  TracerContextMixin,
  TracerOperationsMixin,
} from '@honeyhive/core';
import { registerInstrumentors, type InstrumentationList } from '@honeyhive/instrumentation';
import { HoneyHiveError } from '@honeyhive/integration';
import { installDefaultTracerResolver } from './default-tracer-resolver';
import { applyManualInstrumentation, planInstrumentModules } from './legacy-instrument-modules';
import { LegacyTracerMixin } from './legacy-methods';
import { PythonFormsMixin } from './python-forms';
import type { HoneyHiveTracerInitOptions } from './legacy-types';

/**
 * The HoneyHive tracer: `HoneyHiveTracerBase` with spans and events (`TracerOperationsMixin`), sessions,
 * baggage and cross-process context (`TracerContextMixin`) and the npm `honeyhive` 1.x API
 * (`LegacyTracerMixin`: `traceFunction`, `traceModel`/`traceTool`/`traceChain`, `trace(fn, ...args)` and
 * `@tracer.trace`, `logModel`, `startSession`, the `sessionId` setter, static `flush`/`enrichSpan`) and the Python
 * SDK's forms (`PythonFormsMixin`: `isInitialized`, `isTestMode`, static `flushAll`/`shutdownAll`).
 *
 * ```ts
 * const tracer = new HoneyHiveTracer({ apiKey, project });                // sync; the session starts in the background
 * const tracer = new HoneyHiveTracer({ config: new TracerConfig({ apiKey, project }) });
 * const tracer = await HoneyHiveTracer.init({ apiKey, project });         // also waits for the session
 * ```
 *
 * Each instance owns its provider, exporter and session; several can run side by side. `trace()` and the
 * decorators of `@honeyhive/instrumentation` use the tracer whose scope they run in, else the first tracer
 * created (see `setDefaultTracer`).
 */
export class HoneyHiveTracer extends PythonFormsMixin(LegacyTracerMixin(TracerContextMixin(TracerOperationsMixin(HoneyHiveTracerBase)))) {
  private readonly instrumentorUndos: Array<() => void> = [];

  /**
   * @param options settings (see `TracerOptions`: flat fields and/or `config: new TracerConfig({...})`);
   * Python-style snake_case names are accepted too.
   */
  constructor(options?: HoneyHiveTracerInitOptions) {
    super(options);
    installDefaultTracerResolver();
    const configured = (this.config.instrumentations ?? []) as InstrumentationList;
    if (Array.isArray(configured) && configured.length > 0) this.instrument(...configured);
    this.instrumentLegacyModules(configured);
  }

  /**
   * Registers OpenTelemetry instrumentations (OpenInference, Traceloop, `@opentelemetry/instrumentation-*`)
   * against this tracer's own provider, so their spans carry this tracer's session. Returns a function
   * that unregisters them; they are also unregistered on `shutdown()`. Never throws.
   */
  instrument(...instrumentations: InstrumentationList): () => void {
    const undo = registerInstrumentors(this, instrumentations, { logger: this.logger });
    this.instrumentorUndos.push(undo);
    return undo;
  }

  // npm honeyhive 1.x's `instrumentModules`, mapped onto bring-your-own instrumentation.
  private instrumentLegacyModules(configured: InstrumentationList): void {
    if (this.config.instrumentModules === undefined || this.mode === 'disabled') return;
    try {
      const plan = planInstrumentModules(this.config.instrumentModules, configured);
      const extra = plan.register.filter((instrumentation) => !configured.flat().includes(instrumentation));
      if (extra.length > 0) this.instrument(...extra);
      applyManualInstrumentation(plan, this.logger);
    } catch (error) {
      this.policy.report('instrumentModules', error);
    }
  }

  /** Unregisters this tracer's instrumentations, then flushes and shuts it down (see the base). */
  override shutdown(timeoutMs?: number): Promise<boolean> {
    for (const undo of this.instrumentorUndos.splice(0)) undo();
    return super.shutdown(timeoutMs);
  }

  /**
   * Creates a tracer and waits until its session was started on the backend. Resolves with the tracer even
   * when that failed (it then keeps its client-generated session id and reports the failure), unless
   * `strict: true`, in which case it shuts the tracer down and rejects with a `HoneyHiveError`
   * (`HH_SESSION_START_FAILED`). An invalid configuration with `strict: true` rejects with
   * `HoneyHiveConfigError`.
   */
  static async init(options?: HoneyHiveTracerInitOptions): Promise<HoneyHiveTracer> {
    const tracer = new HoneyHiveTracer(options);
    const started = await tracer.ready;
    if (!started && tracer.config.strict) {
      await tracer.shutdown();
      const failures = tracer.stats().errors['session.start'] ?? 0;
      throw new HoneyHiveError(
        'HH_SESSION_START_FAILED',
        `HoneyHive: the session ${tracer.sessionId} could not be started (${failures} failed attempt(s); see the logged error)`,
      );
    }
    return tracer;
  }
}
