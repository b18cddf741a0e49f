import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import { stewardRules } from './scripts/lint/transaction-executor.js';

// The permission engine is pure: plain data in, a decision out. It may import nothing from the
// server or the web app, and nothing that does I/O.
export const permissionEngineImports = {
  patterns: [
    {
      group: ['**/server/**', '**/web/**', '@steward/server', '@steward/web'],
      message: 'The permission engine imports nothing from the server or the web app.',
    },
    {
      group: [
        'node:*',
        'fs',
        'fs/*',
        'path',
        'net',
        'http',
        'https',
        'child_process',
        'os',
        'crypto',
      ],
      message: 'The permission engine does no I/O.',
    },
    {
      group: [
        'pg',
        'pg/*',
        '@electric-sql/*',
        'drizzle-orm',
        'drizzle-orm/*',
        'fastify',
        'fastify/*',
        '@fastify/*',
        'better-auth',
        'better-auth/*',
        'react',
        'react/*',
        'react-dom',
        'react-dom/*',
      ],
      message: 'The permission engine does no I/O and knows no framework.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'data/**',
      'node_modules/**',
      'server/src/db/migrations/**',
      'coverage/**',
      // bench:compare's worktrees of other revisions.
      '.bench-compare/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Inside a transaction, its executor only (scripts/lint/transaction-executor.js).
    files: ['server/**/*.ts', 'scripts/**/*.ts'],
    plugins: { steward: stewardRules },
    rules: { 'steward/transaction-executor': 'error' },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['packages/permissions/**/*.ts'],
    ignores: ['packages/permissions/**/*.test.ts'],
    rules: { 'no-restricted-imports': ['error', permissionEngineImports] },
  },
);
