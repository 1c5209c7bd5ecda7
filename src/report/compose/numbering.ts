import type { Heading, HeadingLevel } from './draft.js';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'] as const;

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五 (1..99, which is all a report needs). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) {
    throw new RangeError(`chineseNumeral: ${n} is outside 1..99`);
  }
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  const tensText = tens === 0 ? '' : tens === 1 ? '十' : `${DIGITS[tens]}十`;
  const onesText = ones === 0 ? '' : DIGITS[ones];
  return tensText + onesText;
}

/** The number of the n-th heading at a level: 一、 （一） 1. （1）. */
export function headingNumber(level: HeadingLevel, n: number): string {
  switch (level) {
    case 1:
      return `${chineseNumeral(n)}、`;
    case 2:
      return `（${chineseNumeral(n)}）`;
    case 3:
      return `${n}.`;
    case 4:
      return `（${n}）`;
  }
}

export function heading(level: HeadingLevel, n: number, text: string): Heading {
  return { level, number: headingNumber(level, n), text };
}

/** 一是, 二是 … the opening words of the n-th point of an enumeration. */
export function ordinalLead(n: number): string {
  return `${chineseNumeral(n)}是`;
}
