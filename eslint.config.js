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
  {
    // Each user-facing text has one home: the catalogue of its feature (`texts/<feature>.ts` or
    // `texts.ts` in the layer that says it). Chinese in a string anywhere else is either a text
    // that belongs in a catalogue or vocabulary we read (command words, numerals, dates, data),
    // which lives in the files listed under `ignores` below, each for the reason given there.
    files: ['src/**/*.ts'],
    ignores: [
      'src/**/texts/**',
      'src/**/texts.ts',
      // Vocabulary: the words officials type that the engine reads, and what they are stored as.
      'src/chat/intent.ts',
      'src/chat/normalize.ts',
      'src/chat/answer-words.ts',
      'src/bot/responder/echo-words.ts',
      'src/report/section-ref-patterns.ts',
      // Files that only read a report's words: heading markers, enumerations, zero clauses,
      // figures; the checker's stock phrases and units; the nouns a figure's label may end in.
      'src/report/import/headings.ts',
      'src/report/points.ts',
      'src/report/zero-statements.ts',
      'src/report/read-figures.ts',
      'src/report/check/slogans.ts',
      'src/report/check/measure-words.ts',
      'src/report/compose/label-words.ts',
      // Domain code that is ours: Chinese numerals, figures, dates, office words, the names of
      // the report's required parts, font names.
      'src/report/chinese-numerals.ts',
      'src/report/numbers.ts',
      'src/report/figure-scan.ts',
      'src/report/dates.ts',
      'src/report/office.ts',
      'src/report/import/roles.ts',
      'src/report/export/fonts.ts',
      // Data: the State Council's holidays, the invented demo county.
      'src/schedule/holiday-overrides.ts',
      'src/schedule/estimated-holidays.ts',
      'src/demo/**',
      // Tools for IT staff and developers (bilingual messages written beside their flags).
      'src/cli/**',
      'src/config.ts',
      'src/devtools/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Literal[value=/[\\u3400-\\u9fff]/]',
          message: "User-facing text belongs in its feature's catalogue (texts/<feature>.ts).",
        },
        {
          selector: 'TemplateElement[value.raw=/[\\u3400-\\u9fff]/]',
          message: "User-facing text belongs in its feature's catalogue (texts/<feature>.ts).",
        },
      ],
    },
  },
);
