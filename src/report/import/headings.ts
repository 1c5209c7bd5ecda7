/**
 * Reading numbered headings off the start of a line. GB/T 9704-2012 habit gives four levels:
 * `一、` / `（一）` / `1.` / `（1）`. Real reports also use look-alikes (`一.`, `(一)`, `一)`, `1、`,
 * `(1)`, `2优化`); we read those at the level they stand for and record how they deviate, so the
 * checker can report the deviation and the parser can still build the outline.
 */

import { parseChineseOrdinal } from '../chinese-numerals.js';

export type HeadingLevel = 1 | 2 | 3 | 4;

/**
 * How a marker is written. `standard` is the GB/T 9704 form; the others name the deviation.
 * - `wrong_punct`: 一. / 一， / 1、 / 1， where 一、 or 1. belongs
 * - `half_width`: (一) / (1) where （一） / （1） belong
 * - `mixed_width`: （一) / (一）
 * - `missing_open`: 一) / 一） / 1) / 1）
 * - `missing_punct`: 2优化 / 一主要举措 (a number run straight into the heading words)
 * - `wrong_level`: a marker of another level where the outline needs this one (1、 leading the
 *   parts 二、三、; a second 一、 opening the sub-topics of 一、); `writtenLevel` says which
 */
export type HeadingStyle =
  | 'standard'
  | 'wrong_punct'
  | 'half_width'
  | 'mixed_width'
  | 'missing_open'
  | 'missing_punct'
  | 'wrong_level';

export interface HeadingMark {
  readonly level: HeadingLevel;
  readonly ordinal: number;
  /** The marker as written, e.g. `（三）` or `2、`. */
  readonly marker: string;
  readonly style: HeadingStyle;
  /** The words after the marker on the same line. */
  readonly rest: string;
  /** For `wrong_level`: the level the marker as written stands for. */
  readonly writtenLevel?: HeadingLevel;
}

/**
 * Strips what surrounds a line's words without being part of them: indentation (including the
 * ideographic space), markdown quote marks, heading hashes, list bullets and bold markers.
 */
export function stripDecoration(line: string): string {
  return line
    .replace(/^[\s\u3000]+/, '')
    .replace(/^>\s*/, '')
    .replace(/^#{1,6}\s*/, '')
    .replace(/^[-+*]\s+/, '')
    .replace(/^\*\*(.*?)\*\*/, '$1')
    .replace(/^\*\*/, '')
    .replace(/[\s\u3000]+$/, '');
}

const CN = '[一二三四五六七八九十]{1,3}';

interface Pattern {
  readonly re: RegExp;
  readonly level: HeadingLevel;
  readonly style: HeadingStyle;
  readonly chinese: boolean;
}

/*
 * Order matters: bracketed forms are tried before bare ones so that `（一）` is never read as a
 * bare `一）`. A bare Chinese numeral must be followed by 、 . ． ， or a bracket: 一是 / 一方面 /
 * 一年来 are words, not headings.
 */
const PATTERNS: readonly Pattern[] = [
  { re: new RegExp(`^（(${CN})）`), level: 2, style: 'standard', chinese: true },
  { re: new RegExp(`^\\((${CN})\\)`), level: 2, style: 'half_width', chinese: true },
  { re: new RegExp(`^[（(](${CN})[)）]`), level: 2, style: 'mixed_width', chinese: true },
  { re: new RegExp(`^(${CN})[)）]`), level: 2, style: 'missing_open', chinese: true },
  { re: new RegExp(`^(${CN})、`), level: 1, style: 'standard', chinese: true },
  {
    re: new RegExp(`^(${CN})[.．,，](?![\\d０-９])`),
    level: 1,
    style: 'wrong_punct',
    chinese: true,
  },
  { re: /^（(\d{1,2})）/, level: 4, style: 'standard', chinese: false },
  { re: /^\((\d{1,2})\)/, level: 4, style: 'half_width', chinese: false },
  { re: /^[（(](\d{1,2})[)）]/, level: 4, style: 'mixed_width', chinese: false },
  { re: /^(\d{1,2})[)）]/, level: 4, style: 'missing_open', chinese: false },
  { re: /^(\d{1,2})[.．](?![\d０-９])/, level: 3, style: 'standard', chinese: false },
  // 、 is never a thousands separator, so 1、2025年… is a heading; 1,200 and 1，200 are figures.
  { re: /^(\d{1,2})(?:、|[,，](?![\d０-９]))/, level: 3, style: 'wrong_punct', chinese: false },
];

/** Reads a heading marker at the start of a line, or nothing when the line is not a heading. */
export function readHeading(line: string): HeadingMark | undefined {
  const s = stripDecoration(line);
  for (const p of PATTERNS) {
    const m = p.re.exec(s);
    if (!m || m[1] === undefined) continue;
    const ordinal = p.chinese ? parseChineseOrdinal(m[1]) : Number(m[1]);
    if (ordinal === undefined || ordinal === 0) continue;
    const rest = s.slice(m[0].length).replace(/^[\s\u3000]+/, '');
    // A marker alone on a line is not a heading; nor is `1.` followed by a figure (a table cell).
    // A year is words, though: 1.2025年工作回顾.
    if (rest === '' || (!p.chinese && /^[\d%]/.test(rest) && !/^20\d\d年/.test(rest))) continue;
    return { level: p.level, ordinal, marker: m[0], style: p.style, rest };
  }
  return undefined;
}

/**
 * Words that commonly follow a number at the start of a line and show it is a quantity or a date,
 * not a heading that lost its full stop: `2025年…`, `3个村…`, `12月…`.
 */
const QUANTITY_FOLLOWERS = new Set(
  Array.from(
    '年月日号时点分秒个名人次件项起场份条户家所批期篇册套台辆万千百亿余多岁元米亩倍位组类种天周',
  ),
);

/**
 * A heading whose full stop went missing (`2优化营商环境`): only recognised when the number is
 * exactly the next one expected at level 3, because a line may well start with a bare figure.
 */
export function readUnpunctuatedHeading(line: string, expected: number): HeadingMark | undefined {
  const s = stripDecoration(line);
  const m = /^(\d{1,2})(?=[\u4e00-\u9fff])/.exec(s);
  if (!m || m[1] === undefined) return undefined;
  const ordinal = Number(m[1]);
  if (ordinal !== expected || ordinal < 2) return undefined;
  const next = s.charAt(m[0].length);
  if (QUANTITY_FOLLOWERS.has(next)) return undefined;
  return { level: 3, ordinal, marker: m[0], style: 'missing_punct', rest: s.slice(m[0].length) };
}

/** Words a bare Chinese numeral starts without being a heading number: 一是, 一年来, 三大, 一方面. */
const NUMERAL_WORDS =
  /^(是|年|方面|些|直|起|道|批|系列|个|项|次|定|般|旦|切|致|同|律|手|线|体|级|把|类|流|贯|向|大|要|名|户|场|件|季度|月|周|日|天|则|来|方|中|届|五|头|门|心|意|再|边|样|步|环|点|条|份|位|张|套|带|代|等|连|并)/;

/**
 * A top-level heading whose 、 went missing (`一主要举措和成效`): only recognised when the number is
 * exactly the next one expected at level 1 and the line is short and unpunctuated, like a title.
 */
export function readUnpunctuatedTopHeading(
  line: string,
  expected: number,
): HeadingMark | undefined {
  const s = stripDecoration(line);
  const m = /^([一二三四五六七八九十]{1,2})(?=[\u4e00-\u9fff])/.exec(s);
  if (!m || m[1] === undefined) return undefined;
  if (parseChineseOrdinal(m[1]) !== expected) return undefined;
  const rest = s.slice(m[0].length);
  if (NUMERAL_WORDS.test(rest) || rest.length > 30 || /[，,。；;！？!?]/.test(rest))
    return undefined;
  return { level: 1, ordinal: expected, marker: m[0], style: 'missing_punct', rest };
}

/**
 * The title words of a heading: up to the first full stop, since a heading often runs on into its
 * paragraph (`（一）强化组织领导。成立……`).
 */
export function headingTitle(rest: string): string {
  const cut = rest.search(/[。！？]/);
  const title = cut >= 0 ? rest.slice(0, cut) : rest;
  return title.replace(/[：:，,；;\s]+$/, '');
}
