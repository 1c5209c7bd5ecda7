/**
 * Chinese numerals as officials write them: 十八, 七十, 一百零五, 两千, 三万, 三千五 (= 3500),
 * 九十四点四, and digit-by-digit forms such as 二〇二六.
 */

const DIGITS: Readonly<Record<string, number>> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

const SMALL_UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNITS: Readonly<Record<string, number>> = { 万: 10_000, 亿: 100_000_000 };

/** Characters that can make up a Chinese numeral (without the decimal point 点). */
export const CHINESE_NUMERAL_CHARS = '零〇一二两三四五六七八九十百千万亿';

/** True when the numeral is written digit by digit (二〇二六), as years are. */
export function isPositionalChinese(text: string): boolean {
  return text.length > 1 && [...text].every((c) => c in DIGITS);
}

/** Parses an integer Chinese numeral; undefined when it is not a well-formed one (二三十). */
export function parseChineseInteger(text: string): number | undefined {
  if (text.length === 0) return undefined;
  const chars = [...text];
  if (chars.every((c) => c in DIGITS)) {
    return Number(chars.map((c) => DIGITS[c]).join(''));
  }
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let lastSmall = 0;
  for (const c of chars) {
    const d = DIGITS[c];
    const small = SMALL_UNITS[c];
    const big = BIG_UNITS[c];
    if (d !== undefined) {
      if (d === 0) continue;
      if (digit !== undefined) return undefined;
      digit = d;
    } else if (small !== undefined) {
      if (lastSmall !== 0 && lastSmall <= small) return undefined;
      section += (digit ?? 1) * small;
      digit = undefined;
      lastSmall = small;
    } else if (big !== undefined) {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * big;
      section = 0;
      digit = undefined;
      lastSmall = 0;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) {
    // 三千五 means 3500 and 一万二 means 12000: a bare digit right after a unit of a hundred or
    // more counts in the next unit down. After 零 (一百零五) or 十 (十八) it counts units.
    const before = chars[chars.length - 2] ?? '';
    const unit = SMALL_UNITS[before] ?? BIG_UNITS[before] ?? 0;
    section += unit >= 100 ? (digit * unit) / 10 : digit;
  }
  return total + section;
}

/** Parses 九十四点四 or 十八; undefined when malformed. */
export function parseChineseNumber(text: string): number | undefined {
  const [whole, fraction, extra] = text.split('点');
  if (extra !== undefined || whole === undefined) return undefined;
  const intPart = whole === '' ? 0 : parseChineseInteger(whole);
  if (intPart === undefined) return undefined;
  if (fraction === undefined) return intPart;
  const fracChars = [...fraction];
  if (fracChars.length === 0 || !fracChars.every((c) => c in DIGITS)) return undefined;
  return Number(`${intPart}.${fracChars.map((c) => DIGITS[c]).join('')}`);
}

/*
 * Ordinals: the 一 … 九十九 that number parts, sections and headings. They are labels, not
 * quantities, so reading one accepts only that narrow form: 一百, 二〇 or 三千五 are no ordinal.
 */

const ORDINAL = /^(?:[一二三四五六七八九]|[二三四五六七八九]?十[一二三四五六七八九]?)$/;
const ORDINAL_DIGITS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 一 → 1, 十二 → 12, 九十九 → 99; undefined for anything else, digits included. */
export function parseChineseOrdinal(text: string): number | undefined {
  return ORDINAL.test(text) ? parseChineseInteger(text) : undefined;
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五; outside 1..99 (which no report reaches) digits. */
export function chineseOrdinal(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) return String(n);
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : `${tens === 1 ? '' : ORDINAL_DIGITS[tens]}十`;
  return tensText + ORDINAL_DIGITS[ones];
}
