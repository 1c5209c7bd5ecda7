import { describe, expect, it } from 'vitest';
import { chineseOrdinal } from '../../src/report/chinese-numerals.js';
import { figureLabel, rateFromCounts } from '../../src/report/compose/figures.js';
import { chineseDate } from '../../src/report/compose/front-matter.js';
import { confirmedStatement } from '../../src/report/compose/section-body.js';
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
