import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReport, type Finding } from '../../src/report/check/index.js';
import { loadCheckReferences } from '../../src/store/check-references.js';

/*
 * The five published reports in ../shared/seeds (next to the repository, present in CI). Only the
 * findings are asserted here: no seed text is copied into the repository.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const SEEDS = path.resolve(here, '..', '..', '..', 'shared', 'seeds');

function seed(prefix: string): { text: string; lines: string[] } {
  const name = readdirSync(SEEDS).find((f) => f.startsWith(prefix));
  if (!name) throw new Error(`no seed ${prefix} in ${SEEDS}`);
  const text = readFileSync(path.join(SEEDS, name), 'utf8');
  return { text, lines: text.split(/\r\n|\r|\n/) };
}

const references = loadCheckReferences();
const check = (text: string): Finding[] => checkReport(text, { references });
const actionable = (fs: readonly Finding[]): Finding[] => fs.filter((f) => f.severity !== 'info');

describe('检查 on the published seed reports', () => {
  it('000 gets no warning and no error', () => {
    expect(actionable(check(seed('000').text))).toEqual([]);
  });

  it('003: the five 20xx placeholders and the second 二、, to be 三、', () => {
    const { text, lines } = seed('003');
    const found = check(text);
    const years = found.filter((f) => f.rule === 'placeholder' && f.message.includes('20xx'));
    expect(years).toHaveLength(5);
    for (const f of years) expect(lines[f.line - 1]).toMatch(/20xx/);
    const repeat = found.filter((f) => f.rule === 'heading-sequence' && f.severity === 'error');
    expect(repeat).toHaveLength(1);
    expect(lines[(repeat[0]?.line ?? 0) - 1]).toMatch(/^二、/);
    expect(repeat[0]?.message).toContain('应为“三、”');
  });

  it('001: the missing 第一责任人 part, and 1、 at the first level to be 一、', () => {
    const { text, lines } = seed('001');
    const found = check(text);
    const missing = found.filter((f) => f.rule === 'missing-part' && f.severity === 'error');
    expect(missing).toHaveLength(1);
    expect(missing[0]?.message).toContain('第一责任人');
    const level = found.filter((f) => f.rule === 'heading-sequence');
    expect(level).toHaveLength(1);
    expect(lines[(level[0]?.line ?? 0) - 1]).toMatch(/^1、/);
    expect(level[0]?.message).toContain('应写作“一、”');
  });

  it('004: 两个方面 followed by three items', () => {
    const { text, lines } = seed('004');
    const found = check(text).filter((f) => f.rule === 'number-inconsistent');
    expect(found).toHaveLength(1);
    expect(lines[(found[0]?.line ?? 0) - 1]).toContain('两个方面');
    expect(found[0]?.message).toContain('三');
  });
});
