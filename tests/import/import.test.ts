import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  extractPlans,
  followUpPrompts,
  parseReportText,
  partFor,
  planGist,
} from '../../src/report/import/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const read = (p: string): string => readFileSync(path.join(here, p), 'utf8');

describe('parseReportText', () => {
  const parsed = parseReportText(read('fixtures/shiqiao-2024.txt'));

  it('reads a title broken after the organisation name, and its year', () => {
    expect(parsed.title).toEqual({ line: 2, text: '石桥街道2024年法治政府建设情况报告' });
    expect(parsed.year).toBe(2024);
  });

  it('finds the five parts by meaning, with their headings, body lines and sub-headings', () => {
    expect(parsed.parts.map((p) => [p.heading.line, p.roles])).toEqual([
      [6, ['measures']],
      [13, ['shortcomings']],
      [15, ['first_responsible']],
      [17, ['plans']],
      [19, ['other']],
    ]);
    const measures = partFor(parsed, 'measures');
    expect(measures?.subHeadings.map((h) => [h.line, h.marker, h.title])).toEqual([
      [7, '（一）', '领导班子学法'],
      [9, '（二）', '综合行政执法'],
      [11, '（三）', '社区调解'],
    ]);
    expect(measures?.body.map((l) => l.line)).toEqual([8, 10, 12]);
    expect(partFor(parsed, 'other')?.body).toEqual([{ line: 20, text: '无。' }]);
  });

  it('keeps the addressee and opening apart, and the 落款 out of the last part', () => {
    expect(parsed.preamble.map((l) => l.line)).toEqual([4, 5]);
    expect(parsed.closing).toEqual([
      { line: 22, text: '石桥街道办事处' },
      { line: 23, text: '2025年1月15日' },
    ]);
    expect(partFor(parsed, 'other')?.endLine).toBe(20);
  });

  it('reads look-alike heading markers at the level they stand for', () => {
    const p = parseReportText(
      '一、主要举措和成效\n(一)学法\n1、会前学法8次。\n一)普法\n二. 存在的不足和原因\n执法力量不足。',
    );
    expect(p.headings.map((h) => [h.level, h.ordinal, h.style])).toEqual([
      [1, 1, 'standard'],
      [2, 1, 'half_width'],
      [3, 1, 'wrong_punct'],
      [2, 1, 'missing_open'],
      [1, 2, 'wrong_punct'],
    ]);
    expect(p.parts.map((x) => x.roles)).toEqual([['measures'], ['shortcomings']]);
  });
});

describe('extractPlans', () => {
  it('splits numbered items run together in one paragraph, dropping the lead-in', () => {
    expect(extractPlans(parseReportText(read('fixtures/shiqiao-2024.txt')))).toEqual([
      '组织新入职执法人员跟班学习，年内开展案卷评查不少于4次',
      '在8个老旧小区设立物业纠纷调解工作点，引入专业调解员',
      '完成辖区12个社区法律顾问续聘，每月驻点服务不少于2次',
    ]);
  });

  it('takes numbered sub-headings with what is written under them', () => {
    const plans = extractPlans(parseReportText(read('../fixtures/check/clean-town-2025.txt')));
    expect(plans).toHaveLength(3);
    expect(plans[0]).toMatch(/^充实执法力量。2026年争取新增/);
    expect(plans[2]).toMatch(/^规范村级调解。/);
  });

  it('splits 一是…二是… enumerations', () => {
    const plans = extractPlans(parseReportText(read('../fixtures/check/clean-village-2024.txt')));
    expect(plans).toEqual([
      '补齐执法力量，争取在2025年上半年配齐3名专职执法人员，森林防火季实行执法人员专岗专责',
      '规范调解台账，年内完成11个村调委会台账统一格式，每季度抽查1次',
      '改进普法方式，利用春节前后务工人员返乡时段集中开展普法，全年不少于10场次',
    ]);
  });

  it('reads only the plans half of a combined 存在问题及下一步工作打算 part', () => {
    const text = [
      '一、主要举措和成效',
      '全年学法8次。',
      '二、存在问题及下一步工作打算',
      '调解员多为兼职。下一步工作打算：一是每季度培训调解员1次；二是完成村规民约修订。',
    ].join('\n');
    expect(extractPlans(parseReportText(text))).toEqual([
      '每季度培训调解员1次',
      '完成村规民约修订',
    ]);
  });

  it('falls back to sentences when items are not numbered', () => {
    const text = [
      '四、下一年度推进法治政府建设的主要安排',
      '明年重点做好以下工作：',
      '全面推行行政执法全过程记录。年内完成全部村法律顾问续聘。',
    ].join('\n');
    expect(extractPlans(parseReportText(text))).toEqual([
      '全面推行行政执法全过程记录',
      '年内完成全部村法律顾问续聘',
    ]);
  });

  it('gives nothing when there is no plans part', () => {
    expect(extractPlans(parseReportText('一、主要举措和成效\n全年学法8次。'))).toEqual([]);
  });
});

describe('followUpPrompts', () => {
  it('asks about each plan by its gist', () => {
    const plans = extractPlans(parseReportText(read('../fixtures/check/clean-town-2025.txt')));
    expect(followUpPrompts(plans)).toEqual([
      '去年计划“充实执法力量”，今年落实得怎么样？',
      '去年计划“分类开展普法”，今年落实得怎么样？',
      '去年计划“规范村级调解”，今年落实得怎么样？',
    ]);
  });

  it('keeps prompts short: a long first sentence is cut at a comma', () => {
    const gist = planGist(
      '二是要在全镇16个村（社区）全面推行矛盾纠纷多元化解工作机制，建立镇村两级调解台账，实行月报告制度，年底前完成验收。',
    );
    expect(gist).toBe('在全镇16个村（社区）全面推行矛盾纠纷多元化解工作机制');
    expect(Array.from(gist).length).toBeLessThanOrEqual(32);
    expect(
      planGist('持续开展“法律明白人”培训和村级法律顾问驻点服务工作并纳入年度考核且每季度通报结果'),
    ).toMatch(/…$/);
  });

  it('drops duplicate and empty items', () => {
    expect(followUpPrompts(['加强执法培训。', '加强执法培训，每季度1次。', ''])).toEqual([
      '去年计划“加强执法培训”，今年落实得怎么样？',
      '去年计划“加强执法培训，每季度1次”，今年落实得怎么样？',
    ]);
  });
});

describe('parseReportText on Markdown', () => {
  it('sees through heading hashes, bold, bullets and quote marks', () => {
    const md = [
      '# 青禾镇2025年法治政府建设情况报告',
      '',
      '## 一、主要举措和成效',
      '**（一）学法**',
      '- 全年学法10次。',
      '> 二、存在的不足和原因',
      '执法力量不足。',
    ].join('\n');
    const p = parseReportText(md);
    expect(p.title).toEqual({ line: 1, text: '青禾镇2025年法治政府建设情况报告' });
    expect(p.headings.map((h) => [h.line, h.marker])).toEqual([
      [3, '一、'],
      [4, '（一）'],
      [6, '二、'],
    ]);
    expect(partFor(p, 'measures')?.body).toEqual([{ line: 5, text: '全年学法10次。' }]);
  });
});

describe('parseReportText with an appendix', () => {
  it('stops the outline at 附件, so its own numbering is not read as the report’s', () => {
    const text = [
      '青禾镇2025年法治政府建设情况报告',
      '一、主要举措和成效',
      '全年学法10次。',
      '二、存在的不足和原因',
      '执法力量不足。',
      '',
      '青禾镇人民政府',
      '2026年1月8日',
      '附件：2025年矛盾纠纷统计表',
      '一、邻里纠纷20起',
    ].join('\n');
    const p = parseReportText(text);
    expect(p.appendixLine).toBe(9);
    expect(p.headings.map((h) => h.line)).toEqual([2, 4]);
    expect(p.closing.map((l) => l.text)).toEqual(['青禾镇人民政府', '2026年1月8日']);
    expect(p.parts.at(-1)?.endLine).toBe(5);
  });
});
