import { partName } from '../import/roles.js';
import type { PartRole } from '../types.js';
import { commonTexts } from './texts/common.js';

/** Small text helpers shared by the rules. */

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Sentences of a line, split after 。！？；, each with its offset in the line. */
export function sentences(text: string): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  const re = /[^。！？；;!?]+[。！？；;!?]*/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].trim() !== '') out.push({ text: m[0], start: m.index });
  }
  return out;
}

const PAIRS: readonly [string, string][] = [
  ['《', '》'],
  ['“', '”'],
  ['「', '」'],
  ['〔', '〕'],
];

/**
 * Spans inside 《》, “”, 「」 and 〔〕: names of documents, slogans and file numbers, whose years
 * and figures are not the report's own (《纲要（2021—2025年）》, 〔2024〕3号).
 */
export function quotedSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const [open, close] of PAIRS) {
    let from = 0;
    for (;;) {
      const a = text.indexOf(open, from);
      if (a < 0) break;
      const b = text.indexOf(close, a + 1);
      if (b < 0) break;
      spans.push({ start: a, end: b + 1 });
      from = b + 1;
    }
  }
  return spans;
}

export function inSpans(spans: readonly Span[], at: number): boolean {
  return spans.some((s) => at >= s.start && at < s.end);
}

/** Characters that carry content: Han characters, letters and digits. */
export function contentLength(text: string): number {
  return (text.match(/[\u4e00-\u9fffA-Za-z0-9]/g) ?? []).length;
}

/** Quotes a piece of text for a message, shortened to keep messages to one line. */
export function excerpt(text: string, max = 24): string {
  const s = text.trim();
  return Array.from(s).length > max ? `${Array.from(s).slice(0, max).join('')}…` : s;
}

/** The parts a heading stands for, each quoted: “主要举措和成效”与“存在的不足和原因”. */
export function partNames(roles: readonly PartRole[]): string {
  return roles.map((r) => `“${partName(r)}”`).join(commonTexts.partsJoiner);
}
