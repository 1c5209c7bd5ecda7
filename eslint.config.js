import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', '.tools/', 'data/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  prettier,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    // The pure core must not reach for I/O: plain data in, plain data out. Which of our own
    // folders each layer may import is checked by dependency-cruiser (.dependency-cruiser.mjs).
    files: ['src/report/**/*.ts', 'src/chat/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'mongoose',
                'ioredis',
                'koa',
                '@koa/*',
                'bullmq',
                'node:fs*',
                'node:net',
                'node:http*',
              ],
              message: 'report/ and chat/ are pure: do I/O in an adapter.',
            },
          ],
        },
      ],
    },
  },
);
