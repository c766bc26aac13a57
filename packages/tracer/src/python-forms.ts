import { flushAll, shutdownAll, type Constructor, type HoneyHiveTracerBase, type TracerBaseConstructor } from '@honeyhive/core';

/** The Python SDK's tracer properties, in their TypeScript form, that {@link PythonFormsMixin} adds. */
export interface PythonFormsMethods {
  /**
   * The Python SDK's `is_initialized`: true while the tracer records and exports (its pipeline is built, it is not in
   * degraded or disabled mode, and it was not shut down).
   */
  readonly isInitialized: boolean;
  /** The Python SDK's `is_test_mode`: whether `testMode` (`HH_TEST_MODE`) is on. */
  readonly isTestMode: boolean;
}

/** The Python SDK's class-level calls, in their TypeScript form, that {@link PythonFormsMixin} adds. */
export interface PythonFormsStatics {
  /**
   * The Python SDK's `HoneyHiveTracer.flush_all`: flushes every registered tracer (see `flushAll`). Resolves true
   * when all delivered; never rejects.
   */
  flushAll(timeoutMs?: number): Promise<boolean>;
  /**
   * The Python SDK's `graceful_shutdown_all`: flushes and shuts down every registered tracer (see `shutdownAll`).
   * Resolves true when all shut down cleanly; never rejects.
   */
  shutdownAll(timeoutMs?: number): Promise<boolean>;
}

/**
 * Adds the Python SDK's `is_initialized` / `is_test_mode` (as `isInitialized` / `isTestMode`) and
 * `flush_all` / `graceful_shutdown_all` (as static `flushAll` / `shutdownAll`) to a tracer class. Uses only the
 * base's protected members.
 */
export function PythonFormsMixin<TBase extends TracerBaseConstructor<HoneyHiveTracerBase>>(
  Base: TBase,
): TBase & Constructor<PythonFormsMethods> & PythonFormsStatics {
  class PythonFormsImpl extends Base implements PythonFormsMethods {
    static flushAll(timeoutMs?: number): Promise<boolean> {
      return flushAll(timeoutMs);
    }

    static shutdownAll(timeoutMs?: number): Promise<boolean> {
      return shutdownAll(timeoutMs);
    }

    get isInitialized(): boolean {
      // a pipeline that could not be built is reported under `init` (the tracer then runs as a no-op)
      return this.mode === 'active' && this.lifecycle.isAcceptingSpans && (this.policy.counts().init ?? 0) === 0;
    }

    get isTestMode(): boolean {
      return this.config.testMode;
    }
  }
  return PythonFormsImpl;
}
