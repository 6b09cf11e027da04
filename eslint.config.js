// @ts-check
// The project's lint rules (`npm run lint`). Type-aware: each file is read with the tsconfig that builds it, so rules
// such as no-floating-promises see the real types. See CONTRIBUTING.md for how lint fits into the checks.
import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Every tsconfig of the project: main/ and shared/, the desktop shell, the console, the end-to-end and other tests. */
const projects = ['./tsconfig.json', './tsconfig.app.json', './renderer/tsconfig.json', './test/e2e/tsconfig.json', './tsconfig.test.json'];

export default defineConfig(
  {
    ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'bench-results/**', '.data/**', 'tmp/**'],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.node },
      parserOptions: { project: projects, tsconfigRootDir: import.meta.dirname },
    },
    plugins: { 'import-x': importX },
    settings: {
      // The files an import may name, read with the TypeScript parser (else no-cycle cannot follow them).
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      // Imports are written as the emitted `.js` file (NodeNext); the resolver maps them back to the `.ts` source.
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: projects, noWarnOnMultipleProjects: true })],
    },
    rules: {
      // A promise nobody awaits or catches loses its error; an async function passed where a plain callback is
      // expected (an event handler, a setInterval) does the same.
      '@typescript-eslint/no-floating-promises': [
        'error',
        // node:test runs the tests it is handed and reports their failures: its test() and describe() need no await.
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'it', 'describe', 'suite'], package: 'node:test' }] },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      // The module graph stays a tree: a cycle makes the order of module initialisation matter.
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    // Storage belongs to the central system's own layers (docs/architecture.md "Rules"): the operator API, the
    // operations and the console work through the domain services (main/csms/services), never with repositories,
    // the database or the group commit. Types of stored rows come through the services too.
    files: ['main/api/**/*.ts', 'main/csms/operations/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)csms/storage(/|$)',
              message: 'Storage is reached through the domain services (main/csms/services), not from here.',
            },
          ],
        },
      ],
    },
  },
  {
    // The console: React in a browser.
    files: ['renderer/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat['recommended-latest'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Plain JavaScript (build scripts, this file) and the Vite config belong to no tsconfig: no type-aware rules.
    files: ['**/*.{js,mjs,cjs}', 'renderer/vite.config.ts'],
    ...tseslint.configs.disableTypeChecked,
  },
);
