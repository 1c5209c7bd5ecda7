/**
 * Finding figures in Chinese text (70余场次, 十八起, 1.2万人次, 94%以上, 百分之九十), with their unit,
 * qualifier and whether they are a count at all (years, dates, ordinals, vague amounts are not).
 * numbers.ts decides what a found figure means for a question.
 */
import {
  CHINESE_NUMERAL_CHARS,
  isPositionalChinese,
  parseChineseNumber,
} from './chinese-numerals.js';
import type { Qualifier, Quantity } from './types.js';

/** Units recognised after a number, longest first so 人次 wins over 人. */
const UNITS = [
  '人次',
  '场次',
  '件次',
  '户次',
  '批次',
  '次',
  '场',
  '期',
  '轮',
  '批',
  '人',
  '名',
  '位',
  '户',
  '件',
  '起',
  '宗',
  '例',
  '份',
  '册',
  '本',
  '张',
  '套',
  '篇',
  '个',
  '项',
  '条',
  '处',
  '所',
  '家',
] as const;

const PREFIX_QUALIFIERS: Readonly<Record<string, Qualifier>> = {
  不少于: 'at_least',
  不低于: 'at_least',
  至少: 'at_least',
  最少: 'at_least',
  不超过: 'at_most',
  不到: 'at_most',
  不足: 'at_most',
  最多: 'at_most',
  少于: 'at_most',
  低于: 'at_most',
  大约: 'about',
  大概: 'about',
  约: 'about',
  将近: 'nearly',
  接近: 'nearly',
  近: 'nearly',
  超过: 'over',
  多于: 'over',
  高于: 'over',
  逾: 'over',
};

const SUFFIX_QUALIFIERS: Readonly<Record<string, Qualifier>> = {
  以上: 'at_least',
  以下: 'at_most',
  左右: 'about',
};

/**
 * Set phrases whose numerals are not counts (三项制度, 两个维护, 千家万户, 一次性 ...). They are
 * masked before scanning free text.
 */
const SET_PHRASES = [
  '三项制度',
  '两个维护',
  '两个确立',
  '四个意识',
  '四个自信',
  '四个全面',
  '一岗双责',
  '千家万户',
  '一次性',
  '一站式',
  '三会一课',
  '十四五',
  '十五五',
  '八五普法',
  '七五普法',
  '九五普法',
  '一村一',
  '一户一',
  '一人一',
  '一案一',
  '一事一',
  '一把手',
];

const PREFIX_RE = Object.keys(PREFIX_QUALIFIERS)
  .sort((a, b) => b.length - a.length)
  .join('|');
const CN = `[${CHINESE_NUMERAL_CHARS}]+(?:点[零〇一二三四五六七八九]+)?`;
const ARABIC = String.raw`\d{1,3}(?:[,，]\d{3})+(?!\d)(?:\.\d+)?|\d+(?:\.\d+)?`;
const FIGURE_RE = new RegExp(
  `(?<pre>${PREFIX_RE})?(?<neg>-|负)?` +
    `(?:百分之(?:(?<pcn>${CN})|(?<par>${ARABIC}))|(?<ar>${ARABIC})(?<mult>[百千万])?|(?<cn>${CN}))` +
    `(?<over>余|多|来)?(?<mult2>万)?[ \u3000]?(?<unit>%|${UNITS.join('|')})?(?<post>以上|以下|左右)?`,
  'gu',
);

/** A number found in text, before deciding whether it is a count the user meant. */
export interface Figure {
  readonly start: number;
  readonly end: number;
  readonly raw: string;
  readonly value: number;
  readonly unit: string;
  readonly percent: boolean;
  readonly qualifier?: Qualifier;
  readonly inWan: boolean;
  readonly negative: boolean;
  readonly chinese: boolean;
  /** Why this is not a count, if it is not. */
  readonly not?: 'year' | 'date' | 'ordinal' | 'vague' | 'duration' | 'code';
  /** 4余次: 余/多 after a single digit. */
  readonly sloppy: boolean;
  readonly lone: boolean;
}

/** Full-width digits and signs to ASCII, one character for one, so offsets stay valid. */
export function normalize(text: string): string {
  return text.replace(/[０-９％．－]/g, (c) => {
    if (c === '％') return '%';
    if (c === '．') return '.';
    if (c === '－') return '-';
    return String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30);
  });
}

function maskSetPhrases(text: string): string {
  let out = text;
  for (const phrase of SET_PHRASES) out = out.split(phrase).join('□'.repeat(phrase.length));
  return out;
}

function round(value: number): number {
  return Number(value.toFixed(6));
}

export function scan(original: string): Figure[] {
  const text = maskSetPhrases(normalize(original));
  const figures: Figure[] = [];
  for (const m of text.matchAll(FIGURE_RE)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    let value: number | undefined;
    let inWan = false;
    let chinese = false;
    const arabic = g.ar ?? g.par;
    if (arabic !== undefined) {
      value = Number(arabic.replace(/[,，]/g, ''));
      const mult = g.mult ?? '';
      if (mult === '百') value *= 100;
      if (mult === '千') value *= 1000;
      if (mult === '万') {
        value *= 10_000;
        inWan = true;
      }
    } else {
      const cn = g.pcn ?? g.cn ?? '';
      value = parseChineseNumber(cn);
      chinese = true;
      inWan = cn.includes('万') && !cn.includes('点');
    }
    if (value === undefined) continue;
    if (g.mult2 !== undefined) {
      value *= 10_000;
      inWan = true;
    }
    value = round(value);
    const percent = g.pcn !== undefined || g.par !== undefined || g.unit === '%';
    const qualifier =
      // 三十来人 is about thirty; 30余人 and 30多人 are over thirty.
      (g.over === '来' ? 'about' : g.over !== undefined ? 'over' : undefined) ??
      (g.post !== undefined ? SUFFIX_QUALIFIERS[g.post] : undefined) ??
      (g.pre !== undefined ? PREFIX_QUALIFIERS[g.pre] : undefined);
    const numeral = g.ar ?? g.par ?? g.pcn ?? g.cn ?? '';
    const before = text[start - 1] ?? '';
    const numeralStart = start + (g.pre?.length ?? 0) + (g.neg?.length ?? 0);
    const beforeNumeral = text[numeralStart - 1] ?? '';
    const after = text[end] ?? '';
    let not: Figure['not'];
    if (g.unit === undefined && !percent && after === '年') {
      not =
        /^\d{4}$/.test(numeral) || isPositionalChinese(numeral) || value >= 1900
          ? 'year'
          : 'duration';
    } else if (g.unit === undefined && !percent && /[月日号时]/.test(after)) {
      not = 'date';
    } else if (g.unit === '个' && after === '月') {
      not = 'duration';
    } else if (before === '第' || beforeNumeral === '第') {
      not = 'ordinal';
    } else if (before === '·' || after === '·' || /[A-Za-z]/.test(before)) {
      not = 'code';
    } else if (chinese && g.pcn === undefined && isVague(numeral, beforeNumeral, after, g.over)) {
      not = 'vague';
    }
    const singleDigit =
      g.mult === undefined && g.mult2 === undefined && /^[1-9一二两三四五六七八九]$/.test(numeral);
    figures.push({
      start,
      end,
      raw: original.slice(start, end),
      value,
      unit: percent ? '%' : (g.unit ?? ''),
      percent,
      ...(qualifier !== undefined ? { qualifier } : {}),
      inWan: inWan && value >= 10_000,
      // 3-5次 is a range, not minus five.
      negative: g.neg !== undefined && !/[\d零〇一二两三四五六七八九十百千万]/.test(before),
      chinese,
      ...(not !== undefined ? { not } : {}),
      sloppy: (g.over === '余' || g.over === '多') && singleDigit,
      lone: g.cn === '一' && qualifier === undefined,
    });
  }
  return figures;
}

/**
 * 数十次, 几百人, 十几场, 上百人, 成千: an amount nobody counted. 上/成 only count as vague before a
 * bare 百/千/万 (上百人), since 线上十余场 and 完成十八起 are ordinary figures.
 */
function isVague(
  numeral: string,
  before: string,
  after: string,
  over: string | undefined,
): boolean {
  if (after === '几') return true;
  if (/[数几]/.test(before) && /^[十百千万]/.test(numeral)) return true;
  return /[上成]/.test(before) && /^[百千万]$/.test(numeral) && over === undefined;
}

export function toQuantity(f: Figure, unit: string, raw: string): Quantity {
  return {
    value: f.value,
    unit,
    ...(f.qualifier !== undefined ? { qualifier: f.qualifier } : {}),
    raw,
    ...(f.inWan ? { inWan: true } : {}),
  };
}
