import { stripDecoration } from './headings.js';
import type { ParsedReport, ReportHeading, ReportLine, ReportPart } from './parse.js';

/** 一是 … 十是, and 第一，… 第十， */
const ENUMERATION =
  /(?:^|(?<=[。；;！？\s：:]))(?:[一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，,、])/g;

/** Numbered items run together in one paragraph: 1.… 2.… or （1）…（2）… */
const INLINE_NUMBERS =
  /(?:^|(?<=[。；;！？\s：:]))(?:（\d{1,2}）|\(\d{1,2}\)|\d{1,2}[.．、](?!\d))/g;

/** Where a combined 存在问题及下一步打算 part turns to the plans. */
const PLANS_TURN =
  /(下一步|下一年度|下年度|明年|今后)(工作)?(打算|计划|安排|思路|重点)?[：:，,]|(20\d\d)年(度)?(工作)?(打算|计划|安排|思路)[：:，,]/;

/** A sentence that only announces the list: 重点做好以下工作： */
const INTRO = /[：:]$|以下(几个方面|方面|工作|几项)|如下/;

function splitOn(text: string, re: RegExp): string[] | undefined {
  const starts = Array.from(text.matchAll(re), (m) => ({ at: m.index, len: m[0].length }));
  if (starts.length < 2) return undefined;
  return starts.map((s, i) => text.slice(s.at + s.len, starts[i + 1]?.at ?? text.length));
}

function cleanItem(s: string): string {
  return s
    .replace(/^[\s\u3000，,、：:]+/, '')
    .replace(/[\s\u3000；;，,]+$/, '')
    .replace(/。$/, '');
}

/** Items written as numbered sub-headings: each sibling with everything under it. */
function itemsFromHeadings(
  headings: readonly ReportHeading[],
  body: readonly ReportLine[],
  endLine: number,
): string[] {
  const top = Math.min(...headings.map((h) => h.level));
  const siblings = headings.filter((h) => h.level === top);
  return siblings.map((h, i) => {
    const until = siblings[i + 1]?.line ?? endLine + 1;
    const inside = (line: number): boolean => line > h.line && line < until;
    const deeper = headings.filter((d) => inside(d.line));
    const deeperLines = new Set(deeper.map((d) => d.line));
    // A deeper heading's run-on words are in `body` too: take its whole line once, from `rest`.
    const pieces = [
      ...deeper.map((d) => ({ line: d.line, text: d.rest })),
      ...body.filter((l) => inside(l.line) && !deeperLines.has(l.line)),
    ].sort((a, b) => a.line - b.line);
    return cleanItem([h.rest, ...pieces.map((p) => p.text)].join(''));
  });
}

/** Items inside running prose: 一是…二是…, 1.…2.…, or else one per sentence. */
function itemsFromProse(text: string): string[] {
  const enumerated = splitOn(text, ENUMERATION) ?? splitOn(text, INLINE_NUMBERS);
  if (enumerated) return enumerated.map(cleanItem).filter((s) => s !== '');
  return text
    .split(/(?<=[。；;！？])/)
    .map((s) => s.trim())
    .filter((s) => s !== '' && !INTRO.test(s.replace(/[。；;]$/, '')))
    .map(cleanItem)
    .filter((s) => Array.from(s).length >= 6);
}

function itemsOfPart(part: ReportPart): string[] {
  let body = part.body;
  let subs = part.subHeadings;
  if (part.roles.includes('shortcomings')) {
    // Combined part: only what follows the turn to the plans counts.
    const turnIndex = body.findIndex((l) => PLANS_TURN.test(l.text));
    if (turnIndex < 0) return [];
    const turn = body[turnIndex];
    if (!turn) return [];
    const m = PLANS_TURN.exec(turn.text);
    const rest = m ? turn.text.slice(m.index + m[0].length) : '';
    body = [{ line: turn.line, text: rest }, ...body.slice(turnIndex + 1)];
    subs = subs.filter((h) => h.line > turn.line);
  }
  if (subs.length > 0) return itemsFromHeadings(subs, body, part.endLine);
  // A first line ending in ： only introduces the list.
  const text = body
    .map((l) => l.text)
    .filter((t, i) => !(i === 0 && /[：:]$/.test(t) && body.length > 1))
    .join('');
  return itemsFromProse(text);
}

/**
 * Last year's 下一年度主要安排, one string per item (split on numbered sub-headings, 一是/二是,
 * inline 1./（1）, or sentences), for asking this year what became of each.
 */
export function extractPlans(parsed: ParsedReport): string[] {
  const items = parsed.parts
    .filter((p) => p.roles.includes('plans'))
    .flatMap(itemsOfPart)
    .map((s) => stripDecoration(s))
    .filter((s) => s !== '');
  return [...new Set(items)];
}
