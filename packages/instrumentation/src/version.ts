// This package's version, from its package.json (written into src/package-version.ts by the build): copies of
// compatible versions share process-wide state.
export { PACKAGE_VERSION } from './package-version';
