import { chineseOrdinal } from '../chinese-numerals.js';
import { headingNumber } from '../heading-numbers.js';
import type { Heading, HeadingLevel } from './draft.js';
import { connectivesTexts } from './texts/connectives.js';

export function heading(level: HeadingLevel, n: number, text: string): Heading {
  return { level, number: headingNumber(level, n), text };
}

/** 一是, 二是 … the opening words of the n-th point of an enumeration. */
export function ordinalLead(n: number): string {
  return connectivesTexts.ordinalLead(chineseOrdinal(n));
}
