import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import vueParser from 'vue-eslint-parser'
import globals from 'globals'

const forbiddenInCore = ['node:*', 'fs', 'path', 'os', 'child_process', 'worker_threads', 'electron', 'vue', 'pinia', 'better-sqlite3', 'serialport', 'ws']

// The renderer imports the API contract (its names, zod schemas and types) and the pure core, nothing else
// of main: services, the store, transports and handlers are reached only through the API client.
const rendererImportPatterns = [
  { group: ['node:*', 'electron', 'better-sqlite3', 'serialport', 'ws', 'fs', 'path', 'os', 'child_process'], message: 'the renderer reaches main only through the API client' },
  {
    group: [
      '**/src-main/*/**',
      '**/src-main/app-info*',
      '!**/src-main/api/**',
      '**/src-main/api/handlers/**',
      '**/src-main/api/dispatch*',
      '@api/handlers',
      '@api/handlers/**',
      '@api/dispatch*',
      '@api/issue-path*'
    ],
    message: 'the renderer imports only the API contract (@api/contract, @api/schemas, @api/ops) and src-core'
  }
]

export default tseslint.config(
  { ignores: ['out/**', '.out-*/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'e2e/screenshots/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parser: vueParser, parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } }
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
      'vue/multi-word-component-names': 'off',
      'vue/html-closing-bracket-newline': 'off',
      'vue/html-indent': 'off',
      // Layout is prettier's (npm run format): eslint keeps to what formatting cannot decide.
      'vue/multiline-html-element-content-newline': 'off'
    }
  },
  {
    files: ['src-renderer/**/*.{ts,vue}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', { patterns: rendererImportPatterns }]
    }
  },
  {
    // Components talk to Pinia stores (src-renderer/src/stores), never to the API client: one place per
    // domain loads, caches and subscribes (docs/architecture.md). ApiCallError (for instanceof) stays allowed.
    files: ['src-renderer/src/panels/**/*.vue', 'src-renderer/src/components/**/*.vue', 'src-renderer/src/App.vue'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [...rendererImportPatterns, { group: ['**/api/client'], importNames: ['api'], message: 'components call a Pinia store (src-renderer/src/stores), never the API client' }]
        }
      ]
    }
  },
  {
    // src-core is pure: it runs in workers, the renderer, tests and the CLI alike.
    files: ['src-core/**/*.ts'],
    ignores: ['src-core/**/*.spec.ts', 'src-core/**/*.bench.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: forbiddenInCore, message: 'src-core must stay pure: no Node, Electron, DOM or Vue imports' }] }],
      'no-restricted-globals': ['error', { name: 'Math.random', message: 'use RandomStream' }, 'process', 'require', 'Buffer', '__dirname', 'window', 'document'],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'use a seeded RandomStream from src-core/random' }]
    }
  },
  {
    // The api contract is the bottom layer (docs/architecture.md, "Errors"): names, ops, schemas, limits
    // and error codes import no service (a pure zod schema module, *-schema.ts, is part of the contract).
    files: [
      'src-main/api/contract.ts',
      'src-main/api/names.ts',
      'src-main/api/names/**/*.ts',
      'src-main/api/ops/**/*.ts',
      'src-main/api/schemas/**/*.ts',
      'src-main/api/limits.ts',
      'src-main/api/issue-path.ts',
      'src-main/api/input-text.ts'
    ],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '(^|/)(services(/(?!.*-schema$)|$)|dispatch$|handlers(/|$))', message: 'the api contract is the bottom layer: it imports no service, handler or dispatch' }] }
      ]
    }
  },
  {
    // Services throw domain errors (services/errors.ts, store, instruments); dispatch.ts maps them.
    files: ['src-main/services/**/*.ts'],
    ignores: ['**/*.spec.ts', '**/*.bench.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/api/dispatch', '**/api/handlers', '**/api/handlers/**', '**/host/**', '**/electron/**', '**/cli/**'],
              message: 'services sit below the API: throw a domain error, dispatch.ts maps it'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['bin/**/*.js', 'scripts/**/*.js'],
    rules: { '@typescript-eslint/no-require-imports': 'off' }
  }
)
