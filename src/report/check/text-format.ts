import type { ReportHeading } from '../import/parse.js';
import { excerpt } from './text.js';
import { textFormatTexts } from './texts/text-format.js';
import type { Finding, Rule } from './types.js';

/** Left behind by converting a .docx or a web page to text: bookmarks, image stubs, tags, entities. */
const DEBRIS =
  /\[(bookmark|image|img|图片)[:：][^\]]*\]|<\/?(p|span|div|br|strong|b|font)\b[^>]*>|&(nbsp|amp|lt|gt|quot|ldquo|rdquo);|\{\\[a-z]+[^}]*\}/gi;

/** Pairs that must close within a paragraph. Half-width ( ) count with （ ）: people mix them. */
const PAIRS: readonly { open: RegExp; close: RegExp; name: string }[] = [
  { open: /“/g, close: /”/g, name: textFormatTexts.quotes },
  { open: /[（(]/g, close: /[）)]/g, name: textFormatTexts.brackets },
  { open: /《/g, close: /》/g, name: textFormatTexts.titleMarks },
  { open: /【/g, close: /】/g, name: textFormatTexts.squareBrackets },
];

/** Lines of a web page around the report (发布时间、浏览次数、【字体：大 中 小】), not its text. */
const PAGE_CHROME = /发布时间|浏览次数|点击次数|【字体|字号[:：]|来源[:：]/;

function count(text: string, re: RegExp): number {
  return (text.match(re) ?? []).length;
}

function debris(line: string, n: number): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const m of line.matchAll(DEBRIS)) {
    if (seen.has(m[0])) continue;
    seen.add(m[0]);
    out.push({
      rule: 'text',
      severity: 'warning',
      message: textFormatTexts.debris(excerpt(m[0], 24)),
      line: n,
    });
  }
  return out;
}

function unbalanced(text: string, n: number): Finding[] {
  const out: Finding[] = [];
  for (const p of PAIRS) {
    const opens = count(text, p.open);
    const closes = count(text, p.close);
    if (opens === closes) continue;
    const at =
      opens > closes ? text.search(new RegExp(p.open.source)) : text.search(p.close.source);
    const near = excerpt(text.slice(Math.max(0, at - 4)), 16);
    out.push({
      rule: 'text',
      severity: 'warning',
      message:
        opens > closes
          ? textFormatTexts.missingClose(p.name, near)
          : textFormatTexts.missingOpen(p.name, near),
      line: n,
    });
  }
  return out;
}

/** A space between the number and the words, and a full stop closing a stand-alone heading. */
function headingForm(h: ReportHeading, raw: string): Finding[] {
  const out: Finding[] = [];
  const at = raw.indexOf(h.marker);
  if (at >= 0 && /^[ \t\u3000]/.test(raw.slice(at + h.marker.length))) {
    out.push({
      rule: 'text',
      severity: 'info',
      message: textFormatTexts.spaceAfterNumber(h.marker, excerpt(h.title, 12)),
      line: h.line,
    });
  }
  // 一、and （一） stand on their own line without a full stop; a run-on heading (（一）…。正文…) is fine.
  if (h.level <= 2 && /^[^。]+。$/.test(h.rest.trim()) && h.title.length <= 25) {
    out.push({
      rule: 'text',
      severity: 'info',
      message: textFormatTexts.headingFullStop(h.marker, excerpt(h.title, 14)),
      line: h.line,
    });
  }
  return out;
}

export const textFormat: Rule = {
  id: 'text',
  name: textFormatTexts.name,
  description: textFormatTexts.description,
  run({ report }) {
    const headingAt = new Map(report.headings.map((h) => [h.line, h]));
    return report.lines.flatMap((raw, i) => {
      const n = i + 1;
      const h = headingAt.get(n);
      // The marker's own bracket (（一）, 1）) is not part of the sentence's pairs.
      const prose = h ? h.rest : raw;
      if (PAGE_CHROME.test(raw)) return debris(raw, n);
      return [...debris(raw, n), ...unbalanced(prose, n), ...(h ? headingForm(h, raw) : [])];
    });
  },
};
