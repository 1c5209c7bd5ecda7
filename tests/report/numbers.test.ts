import { describe, expect, it } from 'vitest';
import { findZeroClauses } from '../../src/report/zero-statements.js';
import {
  findQuantities,
  formatQuantity,
  isSloppyFigure,
  parseQuantity,
  type QuantityExpectation,
} from '../../src/report/numbers.js';
import type { Qualifier } from '../../src/report/types.js';

type Good = [text: string, value: number, unit: string, qualifier?: Qualifier];

/** Answers in the style officials write them; phrasing is ours. */
const good: Good[] = [
  ['12次', 12, '次'],
  ['十二次', 12, '次'],
  ['十八起', 18, '起'],
  ['七十场次', 70, '场次'],
  ['一百零五人', 105, '人'],
  ['两千份', 2000, '份'],
  ['三万人次', 30_000, '人次'],
  ['1.2万人次', 12_000, '人次'],
  ['1,200份', 1200, '份'],
  ['1，200份', 1200, '份'],
  ['１２次', 12, '次'],
  ['共印发宣传册３５０册', 350, '册'],
  ['70余场次', 70, '场次', 'over'],
  ['七十余场次', 70, '场次', 'over'],
  ['1000余份', 1000, '份', 'over'],
  ['百余人次', 100, '人次', 'over'],
  ['千余份', 1000, '份', 'over'],
  ['200多人', 200, '人', 'over'],
  ['十余次', 10, '次', 'over'],
  ['2万余人次', 20_000, '人次', 'over'],
  ['近千人', 1000, '人', 'nearly'],
  ['将近300人次', 300, '人次', 'nearly'],
  ['约3000份', 3000, '份', 'about'],
  ['3000份左右', 3000, '份', 'about'],
  ['超过50场', 50, '场', 'over'],
  ['不少于4次', 4, '次', 'at_least'],
  ['30名以上', 30, '名', 'at_least'],
  ['不到5件', 5, '件', 'at_most'],
  ['94%', 94, '%'],
  ['94%以上', 94, '%', 'at_least'],
  ['94.4％', 94.4, '%'],
  ['百分之九十', 90, '%'],
  ['百分之九十六点七', 96.7, '%'],
  ['百分之百', 100, '%'],
  ['三千五百人次', 3500, '人次'],
  ['三千五人次', 3500, '人次'],
  ['一千零二十名', 1020, '名'],
  ['二十一件', 21, '件'],
  ['全年组织集中学法8次', 8, '次'],
  ['2025年全镇共调处纠纷二十六起', 26, '起'],
  ['本年度共受理法律援助案件 9 件。', 9, '件'],
  ['两名', 2, '名'],
  ['百分之95', 95, '%'],
  ['三十来人', 30, '人', 'about'],
  ['二十多起', 20, '起', 'over'],
];

describe('parseQuantity reads real-world phrasings', () => {
  it.each(good)('%s', (text, value, unit, qualifier) => {
    const r = parseQuantity(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.quantity.value).toBe(value);
    expect(r.quantity.unit).toBe(unit);
    expect(r.quantity.qualifier).toBe(qualifier);
    expect(r.quantity.raw).toBe(text.trim());
  });
});

type Bad = [text: string, expectation: QuantityExpectation | undefined, hintHas: string];

const bad: Bad[] = [
  ['4余次', { unit: '次' }, '“4次”'],
  ['四余次', undefined, '4次以上'],
  ['5多场', { unit: '场次' }, '个位数后面不用'],
  ['二〇二六年', { unit: '次' }, '年份'],
  ['2025年', undefined, '年份'],
  ['-3次', { unit: '次' }, '负数'],
  ['负2起', { unit: '起' }, '负数'],
  ['数十次', { unit: '次' }, '不是确切的数字'],
  ['几百人次', { unit: '人次' }, '不是确切的数字'],
  ['十几场', { unit: '场次' }, '具体数字'],
  ['上百人', { unit: '人' }, '不是确切的数字'],
  ['开展了多次', { unit: '次' }, '不是确切的数字'],
  ['若干', { unit: '件' }, '不是确切的数字'],
  ['3.5次', { unit: '次', type: 'integer' }, '整数'],
  ['120%', { type: 'percent' }, '不能超过100%'],
  ['百分之一百二十', undefined, '不能超过100%'],
  ['500次', { unit: '次', type: 'integer', min: 0, max: 100 }, '最多100次'],
  ['2名', { unit: '名', min: 3 }, '最小值3名'],
  ['35份', { unit: '人次' }, '单位是“人次”'],
  ['90%', { unit: '起', type: 'integer' }, '不是百分比'],
  ['17起', { type: 'percent', unit: '%' }, '百分比'],
  ['排查18起，化解17起', { unit: '起' }, '多个数字'],
  ['3-5次', { unit: '次' }, '不要写范围'],
  ['三到五场', { unit: '场次' }, '不要写范围'],
  ['', { unit: '次' }, '请填写一个数字，例如“12次”或“十二次”。'],
  ['好的', { unit: '次' }, '例如“12次”或“十二次”'],
  ['12月', { unit: '次' }, '日期'],
];

describe('parseQuantity refuses traps with a concrete Chinese hint', () => {
  it.each(bad)('%s', (text, expectation, hintHas) => {
    const r = parseQuantity(text, expectation);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.hint).toContain(hintHas);
    expect(r.hint).toMatch(/[\u4e00-\u9fa5]/);
  });

  it('hints with the metric’s unit and with percent examples', () => {
    const count = parseQuantity('没数', { unit: '人次' });
    expect(count.ok ? '' : count.hint).toContain('例如“12人次”或“十二人次”');
    const pct = parseQuantity('很高', { type: 'percent' });
    expect(pct.ok ? '' : pct.hint).toContain('例如“95%”或“百分之九十五”');
  });
});

describe('parseQuantity with an expectation', () => {
  it('implies the metric unit when only a number is given', () => {
    const r = parseQuantity('35', { unit: '起', type: 'integer' });
    expect(r).toEqual({ ok: true, quantity: { value: 35, unit: '起', raw: '35' } });
  });

  it('reads a bare number as a percent for a percent metric', () => {
    const r = parseQuantity('96', { type: 'percent', unit: '%' });
    expect(r.ok && r.quantity).toEqual({ value: 96, unit: '%', raw: '96' });
  });

  it('keeps a compatible unit as written', () => {
    const r = parseQuantity('6场', { unit: '场次' });
    expect(r.ok && r.quantity.unit).toBe('场');
  });

  it('picks the figure that fits the unit out of a longer answer, ignoring the year', () => {
    const r = parseQuantity('2025年召开专题会议6次，参会干部120人次', { unit: '次' });
    expect(r.ok && r.quantity.value).toBe(6);
  });

  it('counts 1.2万 as an integer', () => {
    const r = parseQuantity('1.2万人次', { unit: '人次', type: 'integer', max: 100_000 });
    expect(r.ok && r.quantity).toMatchObject({ value: 12_000, inWan: true });
  });

  it('accepts 无 as zero for a count', () => {
    const r = parseQuantity('无', { unit: '件', type: 'integer' });
    expect(r.ok && r.quantity).toMatchObject({ value: 0, unit: '件' });
  });

  it('accepts a value exactly on a bound', () => {
    expect(parseQuantity('100%', { type: 'percent', min: 0, max: 100 }).ok).toBe(true);
    expect(parseQuantity('0起', { unit: '起', min: 0 }).ok).toBe(true);
  });
});

describe('formatQuantity says a figure back the way people write it', () => {
  it.each([
    ['70余场次', '70余场次'],
    ['七十余场次', '70余场次'],
    ['1000余份', '1000余份'],
    ['百余人次', '100余人次'],
    ['94%以上', '94%以上'],
    ['1.2万人次', '1.2万人次'],
    ['三万人次', '3万人次'],
    ['2万余人次', '2万余人次'],
    ['94.4%', '94.4%'],
    ['十八起', '18起'],
    ['约3000份', '约3000份'],
    ['近千人', '近1000人'],
    ['30名以上', '30名以上'],
    ['不到5件', '不超过5件'],
  ])('%s → %s', (text, said) => {
    const r = parseQuantity(text);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(formatQuantity(r.quantity)).toBe(said);
    // What it says parses back to the same figure.
    const again = parseQuantity(said);
    expect(again.ok && again.quantity.value).toBe(r.quantity.value);
    expect(again.ok && again.quantity.qualifier).toBe(r.quantity.qualifier);
  });

  it('never writes 余 after a single digit', () => {
    expect(formatQuantity({ value: 4, unit: '次', qualifier: 'over', raw: '' })).toBe('超过4次');
  });

  it('writes plain counts without thousands separators and trims float noise', () => {
    expect(formatQuantity({ value: 12_500, unit: '份', raw: '' })).toBe('12500份');
    expect(formatQuantity({ value: 17 / 18, unit: '%', raw: '' })).toBe('0.9444%');
  });
});

describe('findQuantities', () => {
  const paragraph =
    '2025年，全镇共排查矛盾纠纷36起，化解34起，调解成功率94.4%；在“12·4”前后开展普法宣传' +
    '四十余场次，发放宣传资料2000余份，覆盖群众1.5万人次。严格落实三项制度，第三次专题会议' +
    '研究了数十次走访中发现的问题，聘请一名法律顾问，3个月内完成整改，近千人参与问卷。';

  it('finds every figure with its unit and qualifier in a paragraph', () => {
    const found = findQuantities(paragraph);
    expect(found.map(formatQuantity)).toEqual([
      '36起',
      '34起',
      '94.4%',
      '40余场次',
      '2000余份',
      '1.5万人次',
      '近1000人',
    ]);
    expect(found.map((q) => q.raw)).toEqual([
      '36起',
      '34起',
      '94.4%',
      '四十余场次',
      '2000余份',
      '1.5万人次',
      '近千人',
    ]);
  });

  it('skips years, dates, ordinals, set phrases and bare numbers', () => {
    expect(findQuantities('二〇二五年12月8日第二次会议，落实两个维护，共17个村，编号A3件')).toEqual(
      [{ value: 17, unit: '个', raw: '17个' }],
    );
  });

  it('returns nothing for text without figures', () => {
    expect(findQuantities('坚持以习近平法治思想为指导，推进依法行政。')).toEqual([]);
  });
});

describe('isSloppyFigure', () => {
  it('flags 余 after a single digit only', () => {
    expect(isSloppyFigure('开展培训4余次')).toBe(true);
    expect(isSloppyFigure('开展培训10余次')).toBe(false);
    expect(isSloppyFigure('开展培训十余次')).toBe(false);
  });
});

describe('a zero said in words', () => {
  it.each([
    '全年无行政执法案件',
    '未发生行政复议和行政诉讼案件',
    '全年未发生一起行政诉讼案件',
    '未开展',
  ])('%s is 0, kept as typed', (text) => {
    const r = parseQuantity(text, { unit: '件', type: 'integer' });
    expect(r).toMatchObject({ ok: true, quantity: { value: 0, unit: '件', raw: text } });
  });

  it.each(['无法统计', '未统计', '不清楚', '加强未成年人法治教育'])('%s is not a zero', (text) => {
    expect(parseQuantity(text, { unit: '件', type: 'integer' }).ok).toBe(false);
  });

  it('finds the clause that says there was none, with what there was none of', () => {
    expect(
      findZeroClauses('推行执法全过程记录，现有持证执法人员8名，全年无行政执法案件。'),
    ).toEqual([{ raw: '无行政执法案件', start: 23, what: '行政执法案件' }]);
    expect(findZeroClauses('加强未成年人法治教育，依法依规无缝衔接，无论大小')).toEqual([]);
  });
});
