import { describe, expect, it } from 'vitest';
import { chineseOrdinal, parseChineseOrdinal } from '../../src/report/chinese-numerals.js';
import {
  allSections,
  resolveSection,
  sectionLabel,
  type SectionRef,
} from '../../src/report/sections.js';
import { OUTLINE_SECTION_IDS, fixtureTemplate as t } from './fixture-template.js';

function idOf(ref: SectionRef): string | undefined {
  return ref.kind === 'found' ? ref.section.id : undefined;
}

describe('allSections', () => {
  it('lists every section in the official order', () => {
    expect(allSections(t).map((s) => s.id)).toEqual(OUTLINE_SECTION_IDS);
  });
});

describe('resolveSection', () => {
  it.each([
    ['一(三)', '1.3'],
    ['一（三）', '1.3'],
    ['一、（三）', '1.3'],
    ['一(三)依法决策与合法性审查', '1.3'],
    ['1.3', '1.3'],
    ['1．3', '1.3'],
    ['１.３', '1.3'],
    ['1-3', '1.3'],
    ['第一部分第三项', '1.3'],
    ['第1部分第3项', '1.3'],
    ['第一部分（五）', '1.5'],
    ['（八）', '1.8'],
    ['二', '2'],
    ['第二部分', '2'],
    ['三、', '3'],
    ['三、党政主要负责人', '3'],
    ['4', '4'],
    ['五', '5'],
    ['矛盾纠纷', '1.5'],
    ['矛盾纠纷化解', '1.5'],
    ['普法', '1.6'],
    ['普法宣传', '1.6'],
    ['第一责任人', '3'],
    ['不足', '2'],
    ['明年安排', '4'],
    ['合法性审查', '1.3'],
    ['法律援助', '1.7'],
    [' 一 （ 三 ） ', '1.3'],
  ])('%s → %s', (words, id) => {
    expect(idOf(resolveSection(t, words))).toBe(id);
  });

  it('asks which sub-section when a whole part with sub-sections is named', () => {
    for (const words of ['一', '第一部分', '1']) {
      const ref = resolveSection(t, words);
      expect(ref.kind).toBe('ambiguous');
      if (ref.kind === 'ambiguous') expect(ref.candidates).toHaveLength(8);
    }
  });

  it('asks which one when a keyword fits several sections equally', () => {
    const ref = resolveSection(t, '法律');
    expect(ref.kind).toBe('ambiguous');
    if (ref.kind === 'ambiguous') {
      expect(ref.candidates.map((s) => s.id)).toEqual(['1.3', '1.6', '1.7']);
    }
  });

  it.each(['一(九)', '1.9', '六', '第七部分', '天气', '', '十十'])(
    'finds nothing for %s',
    (words) => {
      expect(resolveSection(t, words)).toEqual({ kind: 'none' });
    },
  );
});

describe('sectionLabel', () => {
  it('writes sub-sections with （三） and whole parts with 、', () => {
    const [s13] = allSections(t).filter((s) => s.id === '1.3');
    const [s2] = allSections(t).filter((s) => s.id === '2');
    expect(s13 && sectionLabel(s13)).toBe('一（三）依法决策与合法性审查');
    expect(s2 && sectionLabel(s2)).toBe('二、存在的不足和原因');
  });

  it('round-trips: every label resolves to its own section', () => {
    for (const s of allSections(t)) {
      expect(idOf(resolveSection(t, sectionLabel(s)))).toBe(s.id);
    }
  });
});

describe('chineseOrdinal', () => {
  it.each([
    [1, '一'],
    [8, '八'],
    [10, '十'],
    [12, '十二'],
    [20, '二十'],
  ])('%d → %s', (n, text) => {
    expect(chineseOrdinal(n)).toBe(text);
  });

  it('reads back every ordinal it writes, and no other numeral', () => {
    for (let n = 1; n <= 99; n++) expect(parseChineseOrdinal(chineseOrdinal(n))).toBe(n);
    for (const text of ['', '零', '一十', '一百', '二〇', '三千五', '12']) {
      expect(parseChineseOrdinal(text)).toBeUndefined();
    }
  });
});
