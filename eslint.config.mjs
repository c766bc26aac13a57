// ESLint for the whole repository: `pnpm lint`, and tooling/lint runs it in the test command.
// On top of ESLint's and typescript-eslint's recommended sets, the rules OpenTelemetry JS holds to: no `export *`
// (an index names each export, so nothing internal leaks out), `import type` for type-only imports, and no floating
// promise in the packages' sources (a promise nobody awaits or catches is an unhandled rejection in the user's app).
import { fileURLToPath } from 'node:url';
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = fileURLToPath(new URL('.', import.meta.url));

// Tests, their fixtures and the benchmark: code that never ships.
const notShipped = ['**/test/**', '**/fixtures/**', 'bench/**'];

export default defineConfig(
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/coverage/',
    '**/.turbo/',
    'tooling/docs-check/.snippets/', // generated from the docs, type-checked by docs-check
    'bench/results/', // measurements and the bundles measured
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    languageOptions: { globals: { ...globals.node } },
  },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ExportAllDeclaration',
          message: 'Name each export: `export *` re-exports whatever the module adds, internals included.',
        },
      ],
      // Off: where the code takes `Function` it takes any callable, class constructors included, and only reads its
      // name, length or source or passes it on as `new.target`; `Function` is the honest type (OpenTelemetry JS allows it).
      '@typescript-eslint/no-unsafe-function-type': 'off',
      // `interface TracerConfig extends TracerSettings {}` gives a class its settings' fields by declaration merging.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
      // `...args: any[]` is the one parameter list every function and class is assignable to, and the one TypeScript
      // requires of a mixin's constructor.
      '@typescript-eslint/no-explicit-any': ['error', { ignoreRestArgs: true }],
      // A closure that reads a variable assigned just after it is made (a listener created before the server it
      // controls) cannot be const.
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      // A `_` prefix marks a name kept on purpose (a parameter a callback must declare, a rest-sibling dropped from a
      // copy), as the compiler's noUnusedParameters already treats it.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    rules: {
      // `typeof import('…')` stays allowed: it types a module that is loaded lazily with `require()` right there.
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false, fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // CommonJS files (jest configs, the import-rule checker, fixtures run as child processes) load with require().
    files: ['**/*.js', '**/*.cjs', '**/*.cts'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: notShipped,
    rules: {
      // Off: tests load modules fresh or in a set order (`jest.isolateModules`, a second copy of a package) and each
      // benchmark contender loads its library only when measured; only require() does that.
      '@typescript-eslint/no-require-imports': 'off',
      // Off: tests read untyped JSON and wrap functions of any shape; this `any` never reaches a user.
      '@typescript-eslint/no-explicit-any': 'off',
      // Off: a test patching a method keeps the instrumentation's `this` for the inner `function` that has its own.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  {
    // Typed linting of what ships, through each package's own tsconfig.json.
    files: ['packages/*/src/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: root },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
    },
  },
);
