/** This package's name, sent as `hh-client-package` when the caller names no other. */
export const PACKAGE_NAME = '@honeyhive/processing';

/** This package's version (kept equal to package.json's). */
export const PACKAGE_VERSION = '0.1.0';
