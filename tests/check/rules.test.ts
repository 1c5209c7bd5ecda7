import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkReport, RULE_IDS, type Finding } from '../../src/report/check/index.js';
import { loadCheckReferences } from '../../src/store/check-references.js';

const references = loadCheckReferences();

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = (name: string): string =>
  readFileSync(path.join(here, '../fixtures/check', name), 'utf8');

/** Findings a writer must act on; `info` is advice and not part of the contract asserted here. */
const actionable = (findings: readonly Finding[]): Finding[] =>
  findings.filter((f) => f.severity !== 'info');

interface Expected {
  readonly rule: Finding['rule'];
  readonly severity: Finding['severity'];
  readonly line: number;
  /** Words the message must contain, so it tells the writer what is wrong and where. */
  readonly says: readonly string[];
}

/*
 * Each defect fixture is one of the clean reports with one deliberate change, so the expected
 * findings are the complete list of errors and warnings: any extra one is a false alarm.
 */
const table: readonly { fixture: string; expected: readonly Expected[] }[] = [
  {
    fixture: 'missing-first-responsible.txt',
    expected: [
      {
        rule: 'missing-part',
        severity: 'error',
        line: 27,
        says: ['党政主要负责人履行推进法治建设第一责任人职责情况'],
      },
    ],
  },
  {
    fixture: 'repeated-heading.txt',
    expected: [
      {
        rule: 'heading-sequence',
        severity: 'error',
        line: 27,
        says: ['二、', '重复', '第23行', '三、'],
      },
    ],
  },
  {
    fixture: 'skipped-heading.txt',
    expected: [
      {
        rule: 'heading-sequence',
        severity: 'error',
        line: 27,
        says: ['跳号', '四、', '缺少“三、”'],
      },
    ],
  },
  {
    fixture: 'mixed-numbering.txt',
    expected: [{ rule: 'heading-sequence', severity: 'warning', line: 8, says: ['“2、”', '“2.”'] }],
  },
  {
    fixture: 'missing-bracket.txt',
    expected: [
      { rule: 'heading-sequence', severity: 'error', line: 12, says: ['“三)”', '（三）'] },
    ],
  },
  {
    fixture: 'missing-dot.txt',
    expected: [
      { rule: 'heading-sequence', severity: 'error', line: 14, says: ['2执法监督', '2.执法监督'] },
    ],
  },
  {
    fixture: 'placeholder-year.txt',
    expected: [{ rule: 'placeholder', severity: 'error', line: 4, says: ['20xx'] }],
  },
  {
    fixture: 'placeholder-name.txt',
    expected: [{ rule: 'placeholder', severity: 'error', line: 1, says: ['XX镇'] }],
  },
  {
    fixture: 'placeholder-misc.txt',
    expected: [
      { rule: 'placeholder', severity: 'error', line: 21, says: ['x册'] },
      { rule: 'placeholder', severity: 'error', line: 25, says: ['【待填写份数】'] },
      { rule: 'placeholder', severity: 'error', line: 25, says: ['*次'] },
      { rule: 'placeholder', severity: 'error', line: 27, says: ['＿＿'] },
    ],
  },
  {
    fixture: 'year-mismatch.txt',
    expected: [{ rule: 'year-mismatch', severity: 'error', line: 5, says: ['2024年', '2025年'] }],
  },
  {
    fixture: 'year-mismatch-plans.txt',
    expected: [
      { rule: 'year-mismatch', severity: 'error', line: 29, says: ['2026年', '2025年'] },
      { rule: 'year-mismatch', severity: 'warning', line: 30, says: ['2026年', '2025年争取'] },
    ],
  },
  {
    fixture: 'resolved-exceeds-found.txt',
    expected: [
      {
        rule: 'number-inconsistent',
        severity: 'error',
        line: 17,
        says: ['成功化解61起', '排查矛盾纠纷58起'],
      },
    ],
  },
  {
    fixture: 'wrong-rate.txt',
    expected: [
      { rule: 'number-inconsistent', severity: 'error', line: 17, says: ['95.3%', '化解率100%'] },
    ],
  },
  {
    fixture: 'wrong-rate-table.txt',
    expected: [
      { rule: 'number-inconsistent', severity: 'error', line: 17, says: ['88.9%', '98.9%'] },
    ],
  },
  {
    fixture: 'sloppy-figure.txt',
    expected: [{ rule: 'number-inconsistent', severity: 'warning', line: 14, says: ['4余次'] }],
  },
  {
    fixture: 'slogan-only-part.txt',
    expected: [
      {
        rule: 'empty-part',
        severity: 'warning',
        line: 27,
        says: ['第一责任人', '套话', '高度重视'],
      },
    ],
  },
  {
    fixture: 'superseded-regulation.txt',
    expected: [
      { rule: 'reference', severity: 'error', line: 7, says: ['《信访条例》', '《信访工作条例》'] },
    ],
  },
  {
    fixture: 'unclosed-bracket.txt',
    expected: [{ rule: 'text', severity: 'warning', line: 21, says: ['括号', '不成对'] }],
  },
  {
    fixture: 'empty-heading-only.txt',
    expected: [
      { rule: 'empty-part', severity: 'error', line: 23, says: ['存在的不足和原因', '没有内容'] },
    ],
  },
];

describe('checkReport on defect fixtures', () => {
  it.each(table)('$fixture', ({ fixture: name, expected }) => {
    const findings = actionable(checkReport(fixture(name), { references }));
    expect(findings.map(({ rule, severity, line }) => ({ rule, severity, line }))).toEqual(
      expected.map(({ rule, severity, line }) => ({ rule, severity, line })),
    );
    expected.forEach((e, i) => {
      for (const words of e.says) expect(findings[i]?.message).toContain(words);
    });
  });

  it('covers every rule with at least one fixture', () => {
    const covered = new Set(table.flatMap((t) => t.expected.map((e) => e.rule)));
    expect([...covered].sort()).toEqual([...RULE_IDS].sort());
  });
});

describe('checkReport on clean reports', () => {
  it.each(['clean-town-2025.txt', 'clean-village-2024.txt'])(
    '%s raises no error and no warning',
    (name) => {
      const findings = checkReport(fixture(name), { references });
      expect(actionable(findings)).toEqual([]);
    },
  );

  it('reads the reporting year from the title, and a given year overrides it', () => {
    const text = fixture('clean-town-2025.txt');
    expect(actionable(checkReport(text, { year: 2025 }))).toEqual([]);
    const wrongYear = checkReport(text, { year: 2024 });
    expect(wrongYear[0]).toMatchObject({ rule: 'year-mismatch', severity: 'error', line: 1 });
    expect(wrongYear[0]?.message).toContain('2024年');
  });

  it('lists findings by line, then with errors before warnings', () => {
    const text = fixture('clean-town-2025.txt')
      .replace('桐溪镇2025年', 'XX镇2025年')
      .replace('2.会前学法', '2、会前学法')
      .replace('三、党政主要负责人', '二、党政主要负责人');
    const findings = checkReport(text);
    const lines = findings.map((f) => f.line);
    expect(lines).toEqual([...lines].sort((a, b) => a - b));
    expect(findings.map((f) => f.rule)).toEqual([
      'placeholder',
      'heading-sequence',
      'heading-sequence',
    ]);
  });
});
