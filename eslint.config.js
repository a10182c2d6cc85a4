import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const backEndPackages = ['electron', 'better-sqlite3', 'pg', 'kysely', 'sharp', 'music-metadata', 'csv-parse', 'csv-parse/sync'];

/** The renderer reaches the back end only through the API client. */
const rendererImports = {
  paths: [...nodeBuiltins, ...backEndPackages].map((name) => ({
    name,
    message: 'The renderer reaches the back end only through the API client (renderer/api).',
  })),
  patterns: [{ group: ['**/electron/**'], message: 'The renderer reaches the back end only through the API client (renderer/api).' }],
};

/** Folders of renderer/ that are screens, their stores or the shell: editors import none of them. */
const screenFolders = ['account', 'agreement', 'bench', 'datasets', 'guidelines', 'label', 'review', 'samples', 'shell', 'start', 'stores', 'team', 'train'];

/** Each folder runs in one runtime; these rules fail an import that crosses into another. */
const runtimeBoundaries = [
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [...nodeBuiltins, ...backEndPackages, 'react', 'react-dom'].map((name) => ({
            name,
            message: 'shared/ is pure TypeScript that runs anywhere: no Node, Electron, database or UI code.',
          })),
          patterns: [{ group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not depend on a host or the UI.' }],
        },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', rendererImports] },
  },
  {
    // An editor works on the session it is given, so any screen can host it (see renderer/editors/editor-session.ts).
    files: ['renderer/editors/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: rendererImports.paths,
          patterns: [
            ...rendererImports.patterns,
            {
              // A folder of renderer/ reached by going up: screens, their stores, the app shell. The guideline's
              // read-only view is shared by the side panel and is no screen.
              regex: `^(?:\\.\\./)+(?!guidelines/GuidelineView$)(?:${screenFolders.join('|')})(?:/|$)`,
              message: 'Editors get their data and actions from their EditorSession, never from a screen or a store.',
            },
            { regex: '^(?:\\.\\./)+(?:App|main)$', message: 'Editors get their data and actions from their EditorSession, never from the app shell.' },
          ],
        },
      ],
    },
  },
  {
    files: ['electron/**/*.ts'],
    ignores: ['electron/main/**', 'electron/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only electron/main and electron/preload may use Electron; services also run under the web host and the CLI.' },
            { name: 'react', message: 'UI code belongs in renderer/.' },
          ],
          patterns: [{ group: ['**/renderer/**'], message: 'The back end must not depend on the UI.' }],
        },
      ],
    },
  },
  {
    // SQL lives in electron/db: services and hosts call its query functions, which take the handle first.
    files: ['electron/**/*.ts'],
    ignores: ['electron/db/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'kysely',
              allowTypeImports: true,
              message: 'Queries are built only in electron/db/ (query functions take the db handle first); import the handle type with `import type`.',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "CallExpression[callee.type='MemberExpression'][callee.property.name=/^(selectFrom|selectNoFrom|insertInto|replaceInto|updateTable|deleteFrom|mergeInto)$/]",
          message: 'Queries are built only in electron/db/: add a query function there (db handle first) and call it.',
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'native/**', '.scratch/**', 'resources/**/*.py'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ['scripts/**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  ...runtimeBoundaries,
);
