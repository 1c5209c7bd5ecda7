import { describe, expect, it } from 'vitest';
import {
  findingsToJson,
  formatFindings,
  summarizeFindings,
  type Finding,
} from '../../src/report/check/index.js';

const findings: Finding[] = [
  { rule: 'heading-sequence', severity: 'error', message: '一级标题编号“二、”重复', line: 12 },
  { rule: 'number-inconsistent', severity: 'warning', message: '“4余次”写法不规范', line: 20 },
  { rule: 'year-mismatch', severity: 'info', message: '未能读出报告年度', line: 1 },
];

describe('formatFindings', () => {
  it('prints one line per finding with its line, severity and rule in Chinese, then a summary', () => {
    expect(formatFindings(findings).split('\n')).toEqual([
      '第12行 [错误] 标题编号：一级标题编号“二、”重复',
      '第20行 [警告] 数字：“4余次”写法不规范',
      '第1行 [提示] 年份：未能读出报告年度',
      '共发现 3 处问题：错误 1，警告 1，提示 1',
    ]);
  });

  it('says so when nothing was found', () => {
    expect(formatFindings([])).toBe('未发现问题。');
    expect(summarizeFindings([])).toBe('未发现问题。');
  });
});

describe('findingsToJson', () => {
  it('gives {"findings":[{rule,severity,message,line}]} and nothing else', () => {
    const withExtra = [{ ...findings[0], extra: true } as Finding];
    expect(JSON.parse(findingsToJson(withExtra))).toEqual({
      findings: [
        {
          rule: 'heading-sequence',
          severity: 'error',
          message: '一级标题编号“二、”重复',
          line: 12,
        },
      ],
    });
    expect(JSON.parse(findingsToJson([]))).toEqual({ findings: [] });
  });
});
