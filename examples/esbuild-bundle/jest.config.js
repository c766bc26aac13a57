'use strict';
// The shared preset, plus one build of packages/tracer before any test file runs (both files load its dist/, and
// two workers must not rebuild it at the same time).
module.exports = { ...require('../../tooling/jest/preset.js'), globalSetup: '<rootDir>/test/support/global-setup.ts' };
