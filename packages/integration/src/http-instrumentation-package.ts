import { isModuleNotFound } from '@honeyhive/processing';
import type { HttpInstrumentationModule } from './http-instrumentation-types';

/** The optional package HTTP tracing runs on (a peer dependency of this package, not installed by default). */
export const HTTP_INSTRUMENTATION_PACKAGE = '@opentelemetry/instrumentation-http';

/** The versions of {@link HTTP_INSTRUMENTATION_PACKAGE} this package is built and tested against. */
export const HTTP_INSTRUMENTATION_RANGE = '^0.223.0';

/**
 * Thrown by `createHttpInstrumentation` (never into user code by the tracer: HTTP tracing is then off) when
 * `@opentelemetry/instrumentation-http` is not installed. Its message names the package to add.
 */
export class HttpInstrumentationMissingError extends Error {
  /** The package to install. */
  readonly packageName = HTTP_INSTRUMENTATION_PACKAGE;

  constructor() {
    super(
      `HTTP tracing needs the optional package ${HTTP_INSTRUMENTATION_PACKAGE}, which is not installed: ` +
        `run \`npm install ${HTTP_INSTRUMENTATION_PACKAGE}@${HTTP_INSTRUMENTATION_RANGE}\`; outgoing HTTP requests are not traced until then`,
    );
    this.name = 'HttpInstrumentationMissingError';
  }
}

/**
 * Loads `@opentelemetry/instrumentation-http` (on first use: HTTP tracing is off by default and it brings
 * `@opentelemetry/instrumentation`, require-in-the-middle and import-in-the-middle). Throws
 * {@link HttpInstrumentationMissingError} when it is not installed, and any other load error as it is.
 */
export function loadHttpInstrumentation(): HttpInstrumentationModule {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('@opentelemetry/instrumentation-http') as HttpInstrumentationModule;
  } catch (error) {
    if (isModuleNotFound(error, HTTP_INSTRUMENTATION_PACKAGE)) throw new HttpInstrumentationMissingError();
    throw error;
  }
}

/**
 * A {@link HttpInstrumentationMissingError} when `@opentelemetry/instrumentation-http` cannot be resolved from this
 * package, else undefined. Only resolves the module: nothing is loaded. Any other resolution failure is left to
 * the load, which reports it as it is. Never throws.
 */
export function httpInstrumentationMissing(): HttpInstrumentationMissingError | undefined {
  try {
    // a literal, so that bundlers see the (optional) dependency
    require.resolve('@opentelemetry/instrumentation-http');
    return undefined;
  } catch (error) {
    if (!isModuleNotFound(error, HTTP_INSTRUMENTATION_PACKAGE)) return undefined;
  }
  // A bundle (esbuild, webpack) carries the package inside itself, where `require.resolve` looks for it in
  // node_modules and fails: only loading it tells. Unbundled, this load fails the same way (nothing is loaded).
  try {
    loadHttpInstrumentation();
    return undefined;
  } catch (error) {
    return error instanceof HttpInstrumentationMissingError ? error : undefined;
  }
}
