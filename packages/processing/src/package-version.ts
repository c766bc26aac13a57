// Generated from package.json by tooling/scripts/write-package-version.mjs, which the build runs. Do not edit.

/** This package's name, from its package.json. */
export const PACKAGE_NAME = '@honeyhive/processing';

/** This package's version, from its package.json. */
export const PACKAGE_VERSION = '0.1.0';
