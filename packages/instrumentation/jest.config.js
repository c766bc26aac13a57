'use strict';
// Two jest projects over the shared preset: TC39 standard decorators (the preset's swc setting) for all
// tests, and legacy `experimentalDecorators` for `*.legacy-decorators.test.ts` only.
const preset = require('../../tooling/jest/preset.js');

const LEGACY_TESTS = '\\.legacy-decorators\\.test\\.ts$';
const [swcJest, swcOptions] = preset.transform['^.+\\.ts$'];

const legacyTransform = {
  '^.+\\.ts$': [
    swcJest,
    {
      ...swcOptions,
      jsc: {
        ...swcOptions.jsc,
        parser: { ...swcOptions.jsc.parser, decorators: true },
        transform: { legacyDecorator: true, decoratorMetadata: false },
      },
    },
  ],
};

/** @type {import('jest').Config} */
module.exports = {
  testTimeout: preset.testTimeout,
  projects: [
    {
      ...preset,
      rootDir: __dirname,
      displayName: 'standard-decorators',
      testPathIgnorePatterns: [...preset.testPathIgnorePatterns, LEGACY_TESTS],
    },
    {
      ...preset,
      rootDir: __dirname,
      displayName: 'legacy-decorators',
      testMatch: ['**/*.legacy-decorators.test.ts'],
      transform: legacyTransform,
    },
  ],
};
