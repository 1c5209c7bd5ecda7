import { describe, expect, it } from 'vitest';
import { chineseOrdinal } from '../../src/report/chinese-numerals.js';
import {
  figureLabel,
  figureWording,
  rateFromCounts,
  saysMoreThanFigure,
} from '../../src/report/compose/figures.js';
import { chineseDate } from '../../src/report/compose/front-matter.js';
import { confirmedStatement } from '../../src/report/compose/section-pieces.js';
import { headingNumber } from '../../src/report/heading-numbers.js';
import type { Metric } from '../../src/report/types.js';
import { template } from './fixtures.js';

const metric = (name: string, unit: string): Metric => ({
  key: 'k',
  name,
  unit,
  type: unit === '%' ? 'percent' : 'integer',
});

describe('the words the composer puts around answers', () => {
  it('says a metric before its figure without repeating the measure word', () => {
    const cases: [string, string, string][] = [
      ['党委理论学习中心组学法次数', '次', '党委理论学习中心组学法'],
      ['普法宣传活动场次', '场次', '普法宣传活动'],
      ['受教育群众人次', '人次', '受教育群众'],
      ['发放普法资料份数', '份', '发放普法资料'],
      ['排查矛盾纠纷数', '起', '排查矛盾纠纷'],
      ['法律顾问人数', '名', '法律顾问'],
      ['法律明白人数', '名', '法律明白人'],
      ['权责清单事项数', '项', '权责清单事项'],
      ['办理行政执法案件数', '件', '办理行政执法案件'],
      ['办理人大代表建议件数', '件', '办理人大代表建议'],
      ['办理人大代表建议和政协提案件数', '件', '办理人大代表建议和政协提案'],
      ['便民服务中心办件量', '件', '便民服务中心办件'],
      ['调解成功率', '%', '调解成功率'],
    ];
    for (const [name, unit, label] of cases)
      expect(figureLabel(metric(name, unit)), name).toBe(label);
  });

  it('gives every metric of the default template a label that does not end in its own unit', () => {
    const keep = ['事项', '案件', '办件', '明白人'];
    for (const m of template.parts.flatMap((p) => p.sections.flatMap((s) => s.metrics))) {
      const label = figureLabel(m);
      expect(label.length, m.name).toBeGreaterThanOrEqual(2);
      if (m.unit !== '%' && !keep.some((k) => label.endsWith(k))) {
        expect(label.endsWith(m.unit), `${m.name} → ${label}`).toBe(false);
      }
    }
  });

  it("says a bare figure in the metric's phrase, keeping its qualifier", () => {
    const metrics = template.parts.flatMap((p) => p.sections.flatMap((s) => s.metrics));
    const of = (key: string) => metrics.find((m) => m.key === key);
    const q = (value: number, unit: string, qualifier?: 'over' | 'at_least' | 'nearly') => ({
      value,
      unit,
      raw: '',
      ...(qualifier ? { qualifier } : {}),
    });
    const said = (w: { label: string; text: string; after?: string }) =>
      `${w.label}${w.text}${w.after ?? ''}`;
    expect(said(figureWording(q(4, '次'), of('law_meetings')))).toBe('召开法治建设专题会议4次');
    expect(said(figureWording(q(70, '场次', 'over'), of('pufa_events')))).toBe(
      '开展普法宣传活动70余场次',
    );
    expect(said(figureWording(q(95, '%', 'at_least'), of('review_coverage')))).toBe(
      '合法性审查覆盖率达95%以上',
    );
    expect(said(figureWording(q(1000, '人次', 'nearly'), of('people_reached')))).toBe(
      '受教育群众近1000人次',
    );
    // 场 where the metric counts 场次: the figure keeps the official's unit.
    expect(said(figureWording(q(30, '场', 'over'), of('pufa_events')))).toBe(
      '开展普法宣传活动30余场',
    );
  });

  it('tells a figure said in a sentence from a bare one', () => {
    for (const bare of ['4次', '共4次', '大约30余场', '全年12次。', '四次', '100%', '近1000人次'])
      expect(saysMoreThanFigure(bare), bare).toBe(false);
    for (const more of [
      '全年召开党工委专题会议4次，专题研究法治宣传、执法规范、矛盾化解等重点任务',
      '召开专题会议4次',
      '现有持证执法人员14名，均已参加年度轮训',
    ])
      expect(saysMoreThanFigure(more), more).toBe(true);
  });

  it('turns a 是否 question into the statement a 是 confirms, and declines open or conditional ones', () => {
    expect(confirmedStatement('今年是否按要求调整、公布了本镇的权责清单？')).toBe(
      '按要求调整、公布了本镇的权责清单',
    );
    expect(confirmedStatement('主要负责人是否在年终述职中开展了述法？')).toBe(
      '主要负责人在年终述职中开展了述法',
    );
    expect(confirmedStatement('如有行政诉讼，镇主要负责人是否出庭应诉？')).toBeUndefined();
    expect(confirmedStatement('有没有其他需要报告的情况？')).toBeUndefined();
    expect(confirmedStatement('开展了哪些活动？')).toBeUndefined();
  });

  it('computes rates to one decimal, only from exact counts, never rounding up to 100%', () => {
    const q = (value: number, qualifier?: 'over') => ({
      value,
      unit: '起',
      raw: String(value),
      ...(qualifier ? { qualifier } : {}),
    });
    expect(rateFromCounts(q(17), q(18))?.value).toBe(94.4);
    expect(rateFromCounts(q(18), q(18))?.value).toBe(100);
    expect(rateFromCounts(q(1999), q(2000))?.value).toBe(99.9);
    expect(rateFromCounts(q(17, 'over'), q(18))).toBeUndefined();
    expect(rateFromCounts(q(19), q(18))).toBeUndefined();
    expect(rateFromCounts(q(0), q(0))).toBeUndefined();
  });

  it('numbers headings 一、 （一） 1. （1） and dates without zero padding', () => {
    expect([1, 2, 3, 4].map((level) => headingNumber(level as 1 | 2 | 3 | 4, 12))).toEqual([
      '十二、',
      '（十二）',
      '12.',
      '（12）',
    ]);
    expect([1, 10, 11, 20, 35, 99].map(chineseOrdinal)).toEqual([
      '一',
      '十',
      '十一',
      '二十',
      '三十五',
      '九十九',
    ]);
    expect(chineseDate('2027-01-09')).toBe('2027年1月9日');
    expect(chineseDate('2026-12-22')).toBe('2026年12月22日');
  });
});
