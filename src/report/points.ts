import { parseChineseOrdinal } from './chinese-numerals.js';

/**
 * Reading the points out of what an official wrote. People enumerate as （一）…（二）…, 一是…二是…,
 * 一、…二、…, 1.…2.…, ①…②…, or one point per line; `；` between points works too. The document
 * has its own style for lists (一是……；二是……。), so the markers people typed are read here and
 * never printed back in the middle of running text.
 */

/** An enumeration found in a text: the words before its first marker and the points. */
export interface Enumeration {
  /** Words before the first marker, as written (主要有三点： / 镇党委高度重视，); may be empty. */
  readonly lead: string;
  readonly items: readonly string[];
}

const NUM = '[一二三四五六七八九十]{1,3}';
/** A marker starts the text or follows a break: a stop, a comma, a colon or a new line. */
const BEFORE = '(?<=^|[\\s，,。；;：:！!？?])';

interface Family {
  readonly re: RegExp;
  readonly value: (m: RegExpMatchArray) => number | undefined;
}

const ordinal = (s: string | undefined): number | undefined =>
  s === undefined ? undefined : /^\d+$/.test(s) ? Number(s) : parseChineseOrdinal(s);

/** The kinds of markers, outer styles first (（一） usually holds 1. or 一是, not the reverse). */
const FAMILIES: readonly Family[] = [
  { re: new RegExp(`${BEFORE}[（(](${NUM})[)）]\\s*`, 'gu'), value: (m) => ordinal(m[1]) },
  { re: new RegExp(`${BEFORE}(${NUM})、\\s*`, 'gu'), value: (m) => ordinal(m[1]) },
  {
    // 1. 1、 1） （1）, mixed as people mix them — but not 1.5万: a digit after the dot is a decimal.
    re: new RegExp(
      `${BEFORE}(?:(\\d{1,2})(?:[.．](?!\\d)|[、)）])|[（(](\\d{1,2})[)）])\\s*`,
      'gu',
    ),
    value: (m) => ordinal(m[1] ?? m[2]),
  },
  {
    re: /([①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*/gu,
    value: (m) => '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳'.indexOf(m[1] ?? '') + 1 || undefined,
  },
  {
    re: new RegExp(`${BEFORE}(?:(${NUM})是|其(${NUM})[，,、是]?)`, 'gu'),
    value: (m) => ordinal(m[1] ?? m[2]),
  },
];

interface Chain {
  readonly starts: readonly { readonly at: number; readonly len: number }[];
}

/** The markers of one family that count 1, 2, 3 … in order (others of the family are text). */
function chainOf(text: string, family: Family): Chain {
  const starts: { at: number; len: number }[] = [];
  for (const m of text.matchAll(family.re)) {
    if (family.value(m) === starts.length + 1) starts.push({ at: m.index, len: m[0].length });
  }
  return { starts };
}

/**
 * The enumeration in a text, if it has one of at least two points: the family whose first
 * marker comes first (the outer one), the longer on a tie.
 */
export function findEnumeration(text: string): Enumeration | undefined {
  const t = text.replace(/\r\n?/g, '\n').trim();
  let best: Chain | undefined;
  for (const family of FAMILIES) {
    const chain = chainOf(t, family);
    if (chain.starts.length < 2) continue;
    const first = chain.starts[0]?.at ?? 0;
    const bestFirst = best?.starts[0]?.at ?? Infinity;
    if (
      !best ||
      first < bestFirst ||
      (first === bestFirst && chain.starts.length > best.starts.length)
    )
      best = chain;
  }
  if (!best) return undefined;
  const { starts } = best;
  const items = starts
    .map((s, i) => clean(t.slice(s.at + s.len, starts[i + 1]?.at ?? t.length)))
    .filter(Boolean);
  if (items.length < 2) return undefined;
  return { lead: t.slice(0, starts[0]?.at ?? 0).trim(), items };
}

/**
 * Splits a list answer into its points: an enumeration, else one point per line, else points
 * between `；`. An introduction ending in a colon (主要有三点：) is not a point.
 */
export function splitPoints(text: string): string[] {
  const t = text.replace(/\r\n?/g, '\n').trim();
  if (t === '') return [];
  const found = findEnumeration(t);
  if (found) {
    const lead = /[：:]$/.test(found.lead) ? '' : clean(found.lead);
    return lead ? [lead, ...found.items] : [...found.items];
  }
  const lines = t.split('\n').map(clean).filter(Boolean);
  if (lines.length > 1) return lines;
  const bySemicolon = t.split(/[；;]/).map(clean).filter(Boolean);
  return bySemicolon.length > 1 ? bySemicolon : [clean(t)].filter(Boolean);
}

/** Drops a bullet and the punctuation that joined points; a point's own full stop goes too. */
function clean(s: string): string {
  return s
    .trim()
    .replace(/^[-*•·●▪]\s*/, '')
    .replace(/^[，,、：:\s]+|[，,；;、\s]+$/g, '')
    .replace(/[。.]$/, '')
    .trim();
}
