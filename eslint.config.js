import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { createRequire } from 'node:module';

// angular-eslint is a dev dependency of apps/web (npm may keep it in apps/web/node_modules).
const angular = createRequire(new URL('./apps/web/package.json', import.meta.url))('angular-eslint');

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/.dist-*/**',
      '**/node_modules/**',
      '**/coverage/**',
      '**/.angular/**',
      'libs/contracts/src/client/**',
      'libs/sdk/src/schema.ts',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': [
        'error',
        { prefer: 'type-imports', fixStyle: 'inline-type-imports', disallowTypeAnnotations: false },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      // Nest reads constructor parameter types at run time: injected classes must be value imports.
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  // apps/web: Angular rules for components and templates (angular-eslint), browser globals.
  {
    files: ['apps/web/src/**/*.ts'],
    extends: [...angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'mq', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'mq', style: 'camelCase' }],
      '@angular-eslint/prefer-on-push-component-change-detection': 'error',
      '@angular-eslint/prefer-standalone': 'error',
    },
  },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [...angular.configs.templateRecommended, ...angular.configs.templateAccessibility],
    // The TypeScript rules above do not apply to template ASTs.
    rules: { '@typescript-eslint/consistent-type-imports': 'off', '@typescript-eslint/no-unused-vars': 'off' },
  },
  {
    files: ['apps/web/src/**/*.spec.ts'],
    languageOptions: { globals: { ...globals.vitest } },
  },
  {
    // Plain scripts index.html loads beside the app's bundles.
    files: ['apps/web/public/**/*.js'],
    languageOptions: { sourceType: 'script', globals: { ...globals.browser } },
  },
  {
    // Browser tests and build scripts: Node, plus code evaluated in the page.
    files: ['apps/web/e2e/**/*.mjs', 'apps/web/scripts/**/*.mjs'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { 'no-console': 'off' },
  },
  {
    // Command-line tools (dependency audit, benchmark harness): Node, and they report on the console.
    files: ['scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-console': 'off' },
  },
);
