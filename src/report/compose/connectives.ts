import { connectivesTexts } from './texts/connectives.js';

/**
 * The only words the composer adds of its own: joints between answers, never content (their
 * wording: texts/connectives.ts). Tests hold the composer to this list, so a new connective is a
 * deliberate, reviewed change.
 */
const FIXED = new Set<string>([
  '，',
  '。',
  '；',
  '、',
  connectivesTexts.openingLead,
  connectivesTexts.openingTail,
  connectivesTexts.figuresLead,
]);

/** 一是 … 九十九是: the opening words of the points of an enumeration. */
const ORDINAL_LEAD = /^[一二三四五六七八九十]{1,3}是$/;

export function isConnective(text: string): boolean {
  return FIXED.has(text) || ORDINAL_LEAD.test(text);
}

/** Marks that already close a sentence or clause, so no 。 or ； is added after them. */
const CLOSING = /[。！？；…”』」）)!?;]$/u;

export function endsClause(text: string): boolean {
  return CLOSING.test(text);
}
