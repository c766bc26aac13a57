// knip: unused files, exports and dependencies (`pnpm knip`; tooling/lint runs it in the test command).
// A package's public API is what its src/index.ts exports (knip finds it from package.json); anything else exported
// that no file imports is dead. Test files come from each package's jest.config.js (knip's jest plugin); below are
// the other entry points: files run as child processes or by hand.
import type { KnipConfig } from 'knip';

const childProcessFixtures = ['test/fixtures/*.js'];

const config: KnipConfig = {
  // An options or result type next to the function that takes or returns it stays exported with it.
  ignoreExportsUsedInFile: { interface: true, type: true },
  // A stale entry or ignore below fails the run too.
  treatConfigHintsAsErrors: true,
  ignoreIssues: {
    // Generated from one template for every package (tooling/scripts/write-package-version.mjs); not all use both.
    'packages/*/src/package-version.ts': ['exports'],
    // Apps installed into fresh npm projects, which install what they import.
    'tooling/pack-smoke/fixtures/**': ['unlisted'],
  },
  workspaces: {
    '.': {
      entry: ['tooling/scripts/*.mjs'],
      // write-esm-entry.mjs requires the built dist/index.js of the package it runs in.
      ignoreUnresolved: ['./index.js'],
    },
    'packages/core': { entry: childProcessFixtures },
    'packages/instrumentation': { entry: childProcessFixtures },
    'packages/lifecycle': { entry: childProcessFixtures },
    'packages/processing': { entry: childProcessFixtures },
    'packages/tracer': { entry: [...childProcessFixtures, 'test/compat/fixtures/*.js'] },
    'tooling/docs-check': {
      // The snippets it extracts from the docs and type-checks (and runs) import these, as a user's app would.
      ignoreDependencies: [
        '@arizeai/openinference-instrumentation-openai',
        '@honeyhive/.+',
        '@opentelemetry/api',
        '@opentelemetry/instrumentation',
        '@opentelemetry/sdk-trace-node',
        'openai',
      ],
    },
    'tooling/e2e': { entry: ['fixtures/*.js'] },
    'tooling/pack-smoke': {
      // index.js re-exports each of these whole (`...require('./pack')`), which knip cannot follow; the fixtures are
      // the apps installed into fresh npm projects.
      entry: ['src/*.js', 'fixtures/**/*.{js,mjs,cjs,ts,mts}'],
      // It packs these; listing them makes turbo build them first.
      ignoreDependencies: ['@honeyhive/.+'],
    },
    'tooling/package-checks': {
      // Runs publint and arethetypeswrong in a child process.
      entry: ['test/support/lint-tarballs.mjs'],
      // It packs these; listing them makes turbo build them first.
      ignoreDependencies: ['@honeyhive/.+'],
    },
    'tooling/reliability': { entry: ['fixtures/*.js'] },
    'examples/esbuild-bundle': {
      // build.ts bundles app/main.ts (run by the test); the fixture is run by the test.
      entry: ['src/build.ts', 'src/app/main.ts', 'fixtures/*.mjs'],
    },
    bench: {
      // cli.ts runs the benchmark, each job in a fork of worker.ts, the backend in a fork of backend-process.ts;
      // profile.ts and footprint.mjs are run by hand (README); each app runs fresh with fresh/preload.ts preloaded.
      entry: [
        'src/cli.ts',
        'src/worker.ts',
        'src/backend-process.ts',
        'src/profile.ts',
        'src/apps/*.ts',
        'src/fresh/preload.ts',
        'footprint/*.mjs',
      ],
      // npm honeyhive 1.x's own dependency, required from its directory to turn its telemetry off.
      ignoreDependencies: ['@traceloop/node-server-sdk'],
    },
  },
};

export default config;
