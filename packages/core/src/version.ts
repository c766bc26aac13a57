/** The package name sent as `hh-client-package` by every tracer (the public entry point users install). */
export const CLIENT_PACKAGE = '@honeyhive/tracer';

function readVersion(): string {
  try {
    // dist/ and src/ both sit one level below package.json; the published packages are versioned together.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const manifest = require('../package.json') as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : '0.0.0';
  } catch {
    return '0.0.0';
  }
}

/** The version of the tracer packages, sent as `hh-client-version` and stamped as `honeyhive.tracer.version`. */
export const TRACER_VERSION: string = readVersion();
