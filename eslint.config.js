// Flat config. The import rules below hold the layering of docs/architecture.md §2: change the picture there first.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = { group: ['node:*'], message: 'This layer must not use Node built-ins.' };
const electron = {
  name: 'electron',
  message: 'Only src/main/index.ts, src/main/app, src/main/ipc and src/preload may import electron.',
};
const electronPattern = { group: ['electron', 'electron/*'], message: electron.message };

function restrict(patterns) {
  return { 'no-restricted-imports': ['error', { patterns }] };
}

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'node_modules/**',
      'resources/www/**',
      'test-results/**',
      'test/fixtures/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['src/shared/**/*.{ts,tsx}'],
    rules: restrict([
      nodeBuiltins,
      electronPattern,
      {
        group: [
          '**/main/**',
          '**/renderer/**',
          '**/preload/**',
          'react',
          'react-dom',
          '@mui/*',
          'recharts',
          'ws',
          'basic-ftp',
          'serialport',
        ],
        message: 'src/shared is pure: it may import only src/shared (and zod).',
      },
    ]),
  },
  {
    files: [
      'src/main/core/**/*.ts',
      'src/main/board/**/*.ts',
      'src/main/web/**/*.ts',
      'src/main/cli/**/*.ts',
      'src/main/scenarios/**/*.ts',
    ],
    rules: restrict([
      electronPattern,
      {
        group: ['**/renderer/**', '**/preload/**', 'react', 'react-dom', '@mui/*', 'recharts'],
        message: 'Main-process code must not import the renderer or preload.',
      },
    ]),
  },
  // The virtual board is a peer on the wire only: the core reaches it over sockets like a real board, and only the
  // in-app start (core/virtual-board.ts) imports it. The board knows nothing of the core.
  {
    files: ['src/main/core/**/*.ts'],
    ignores: ['src/main/core/virtual-board.ts'],
    rules: restrict([
      electronPattern,
      {
        group: ['**/renderer/**', '**/preload/**', 'react', 'react-dom', '@mui/*', 'recharts'],
        message: 'Main-process code must not import the renderer or preload.',
      },
      {
        regex: '^(\\.\\./)+(main/)?board(/|$)',
        message:
          'The core reaches the virtual board only over the wire; only src/main/core/virtual-board.ts imports src/main/board (move shared types to src/shared).',
      },
    ]),
  },
  {
    files: ['src/main/board/**/*.ts'],
    rules: restrict([
      electronPattern,
      {
        group: ['**/renderer/**', '**/preload/**', 'react', 'react-dom', '@mui/*', 'recharts'],
        message: 'Main-process code must not import the renderer or preload.',
      },
      {
        regex: '^(\\.\\./)+(main/)?core(/|$)',
        message: 'The virtual board must not import the core: it is a board, the core is its client.',
      },
    ]),
  },
  {
    files: ['src/main/index.ts', 'src/main/app/**/*.ts', 'src/main/ipc/**/*.ts'],
    rules: restrict([
      {
        group: ['**/renderer/**', '**/preload/**'],
        message: 'Main-process code must not import the renderer or preload.',
      },
    ]),
  },
  {
    files: ['src/preload/**/*.ts'],
    ignores: ['src/preload/**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!electron$).*',
              allowTypeImports: true,
              message: 'The preload imports electron, and only types from src/shared.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'react-hooks/set-state-in-effect': 'off',
      ...restrict([
        nodeBuiltins,
        electronPattern,
        {
          group: [
            '**/main/**',
            '**/preload/**',
            'ws',
            'basic-ftp',
            'serialport',
            'fs',
            'path',
            'net',
            'http',
            'child_process',
          ],
          message: 'The renderer reaches the core only through src/renderer/src/bridge.',
        },
      ]),
    },
  },
);
