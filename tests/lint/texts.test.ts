import path from 'node:path';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * The rule `npm run lint` enforces for user-facing words (eslint.config.js): Chinese in a string
 * belongs in its feature's catalogue (`texts/<feature>.ts`) or in a listed vocabulary file.
 * Linted as if each source sat at the given path in src/, with the repository's own config.
 */
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: path.resolve('.') });
});

async function findings(filePath: string, source: string) {
  const [result] = await eslint.lintText(source, { filePath: path.resolve(filePath) });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-syntax')
    .map((m) => ({ line: m.line, severity: m.severity }));
}

const REPLY = 'export const reply = (name: string) => `${name} 已经是管理员了。`;\n';

describe('user-facing texts live in catalogues', () => {
  it('flags a Chinese reply written in a feature file, as a string or a template', async () => {
    const source = `export const done = '已记录。';\n${REPLY}`;
    expect(await findings('src/chat/admin-commands.ts', source)).toEqual([
      { line: 1, severity: 2 },
      { line: 2, severity: 2 },
    ]);
    expect(await findings('src/bot/handlers/county.ts', source)).toHaveLength(2);
    expect(await findings('src/report/check/year-mismatch.ts', source)).toHaveLength(2);
  });

  it('accepts the same words in a catalogue of any layer', async () => {
    expect(await findings('src/chat/texts/admin.ts', REPLY)).toEqual([]);
    expect(await findings('src/bot/texts/county.ts', REPLY)).toEqual([]);
    expect(await findings('src/http/texts.ts', REPLY)).toEqual([]);
  });

  it('accepts vocabulary files, comments and patterns that read Chinese', async () => {
    expect(
      await findings('src/chat/intent.ts', "export const words = ['进度', '汇总'];\n"),
    ).toEqual([]);
    const readsWords = '// 进度: what an official types\nexport const progress = /^进度$/u;\n';
    expect(await findings('src/chat/engine.ts', readsWords)).toEqual([]);
  });
});
