import { PACKAGE_VERSION } from './package-version';

/** The package name sent as `hh-client-package` by every tracer (the public entry point users install). */
export const CLIENT_PACKAGE = '@honeyhive/tracer';

/**
 * The version of the tracer packages (released together, so core's own), sent as `hh-client-version` and stamped
 * as `honeyhive.tracer.version`. Written from package.json by the build (src/package-version.ts).
 */
export const TRACER_VERSION: string = PACKAGE_VERSION;
