// ESLint flat config. Besides the usual TypeScript rules it enforces the import table of
// the architecture: which folder may import which (see README "Layout").
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules.filter((m) => !m.startsWith('_')), 'node:*'];

const msg = {
  node: 'This layer must not use Node built-ins: it runs where Node is absent (see README, Layout).',
  electron: 'Only main/ may import electron (see README, Layout).',
  react: 'Only renderer/ may import React and browser UI libraries.',
};

/** no-restricted-imports options for a layer. */
function restrict({ paths = [], patterns = [] }) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

const forbidNode = { group: nodeBuiltins, message: msg.node };
const forbidElectron = { group: ['electron', 'electron/*'], message: msg.electron };
const forbidUi = {
  group: [
    'react',
    'react-*',
    'react/*',
    'zustand',
    'zustand/*',
    'dexie',
    'dexie-*',
    'recharts',
    'i18next',
    'react-router',
  ],
  message: msg.react,
};
const layer = (name) => ({
  group: [`**/${name}/**`, `**/${name}`],
  message: `Importing ${name}/ from here crosses a layer (see README, Layout).`,
});

const rendererPatterns = [forbidNode, forbidElectron, layer('main'), layer('server'), layer('test')];
const replicaBarrel = {
  regex: '^(\\.\\./)+replica/.+',
  message:
    "Import the replica through its barrel ('…/replica'), not its modules (see renderer/replica/README.md).",
};
const featureIndex = {
  regex: '^\\.\\./[^./][^/]*/.+',
  message:
    "Import another feature through its index.ts ('../<feature>'); shared building blocks live in renderer/ui/.",
};
const uiNoFeatures = {
  regex: '^(\\.\\./)+features(/|$)',
  message: 'The UI kit (renderer/ui/) is below the features: it imports none of them.',
};

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'out/**',
      'dist/**',
      'release/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  // shared/: runs everywhere. Only itself and pure libraries (luxon, zod, date-holidays).
  {
    files: ['shared/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: {} },
    rules: restrict({
      patterns: [
        forbidNode,
        forbidElectron,
        forbidUi,
        layer('main'),
        layer('renderer'),
        layer('server'),
        layer('test'),
      ],
    }),
  },
  // renderer/: the window. Never electron, Node, main/ or server/.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    languageOptions: { globals: { ...globals.browser } },
    rules: restrict({ patterns: rendererPatterns }),
  },
  // Views (features, layout, the UI kit, the app shell) read the replica through its barrel
  // (renderer/replica/index.ts); the session and the sync engine, which open and fill it, may
  // use its modules. A feature imports another only through that feature's index.ts, and the UI
  // kit (renderer/ui/) imports no feature. The search worker's side (renderer/search: worker,
  // indexer, sources) opens the replica itself, with its key, and reads its tables; the
  // attachment uploader (renderer/attachments) keeps the bytes in tables of its own.
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: [
      '**/*.test.ts',
      '**/*.test.tsx',
      'renderer/replica/**',
      'renderer/sync/**',
      'renderer/session/**',
      'renderer/search/{worker,indexer,sources}.ts',
      'renderer/attachments/**',
    ],
    rules: restrict({ patterns: [...rendererPatterns, replicaBarrel] }),
  },
  {
    files: ['renderer/features/**/*.ts', 'renderer/features/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict({ patterns: [...rendererPatterns, replicaBarrel, featureIndex] }),
  },
  {
    files: ['renderer/ui/**/*.ts', 'renderer/ui/**/*.tsx'],
    ignores: ['**/*.test.ts', '**/*.test.tsx'],
    rules: restrict({ patterns: [...rendererPatterns, replicaBarrel, uiNoFeatures] }),
  },
  // React hooks: the rules of hooks, and complete dependency arrays — useReplicaQuery and
  // useNowSelector take a hand-written one like useEffect, so they are checked the same way.
  {
    files: ['renderer/**/*.tsx', 'renderer/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': ['error', { additionalHooks: '(useReplicaQuery|useNowSelector)' }],
    },
  },
  // main/: Electron main process and preload. No UI libraries, no renderer/ or server/.
  {
    files: ['main/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict({ patterns: [forbidUi, layer('renderer'), layer('server'), layer('test')] }),
  },
  // The preload runs in a sandboxed renderer: only contextBridge/ipcRenderer and shared/.
  {
    files: ['main/preload.ts', 'main/preload/**/*.ts'],
    rules: restrict({
      patterns: [forbidNode, forbidUi, layer('renderer'), layer('server'), layer('test')],
    }),
  },
  // server/: Node. No electron, no UI, no main/ or renderer/.
  {
    files: ['server/**/*.ts'],
    ignores: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: restrict({
      patterns: [forbidElectron, forbidUi, layer('main'), layer('renderer'), layer('test')],
    }),
  },
  // Tests, scripts and configs run under Node and may import anything.
  {
    files: ['**/*.test.ts', '**/*.test.tsx', 'test/**', 'scripts/**', '*.config.*', 'eslint.config.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
