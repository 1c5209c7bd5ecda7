import type { PartRole } from '../types.js';
import {
  headingTitle,
  readHeading,
  readUnpunctuatedHeading,
  readUnpunctuatedTopHeading,
  stripDecoration,
  type HeadingLevel,
  type HeadingMark,
} from './headings.js';
import { recoverLevels } from './outline.js';
import { rolesOfHeading } from './roles.js';

/** One line of the report, numbered from 1 as an editor shows it. */
export interface ReportLine {
  readonly line: number;
  readonly text: string;
}

export interface ReportHeading extends HeadingMark {
  readonly line: number;
  /** The heading's own words (without the marker, cut at the first full stop). */
  readonly title: string;
}

/** A top-level part: from an `一、`-level heading to the next one (or the 落款). */
export interface ReportPart {
  /** Which required parts it holds: usually one, two for 存在问题及下一步打算, none for extras. */
  readonly roles: readonly PartRole[];
  /** True when the role was inferred from position (topic headings before the 不足 part). */
  readonly implicit: boolean;
  readonly heading: ReportHeading;
  /** Lines of prose, without heading markers; a heading's run-on sentence counts as prose. */
  readonly body: readonly ReportLine[];
  readonly subHeadings: readonly ReportHeading[];
  readonly startLine: number;
  readonly endLine: number;
}

export interface ParsedReport {
  /** The text split into lines, index 0 = line 1. */
  readonly lines: readonly string[];
  readonly title?: ReportLine;
  /** The year the report covers, read from the title. */
  readonly year?: number;
  /** Addressee and opening paragraph: what stands between the title and the first part. */
  readonly preamble: readonly ReportLine[];
  /** Every numbered heading in reading order, at any level. */
  readonly headings: readonly ReportHeading[];
  readonly parts: readonly ReportPart[];
  /** The 落款: issuer names and date after the last part. */
  readonly closing: readonly ReportLine[];
  /** Line of `附件…` where an appendix starts; the outline stops there. */
  readonly appendixLine?: number;
}

const CN_YEAR_DIGITS: Record<string, string> = {
  〇: '0',
  零: '0',
  一: '1',
  二: '2',
  三: '3',
  四: '4',
  五: '5',
  六: '6',
  七: '7',
  八: '8',
  九: '9',
};

/** The first year written in a piece of text: `2025年` or `二〇二五年`. */
export function yearIn(text: string): number | undefined {
  const arabic = /(20\d\d)\s*年/.exec(text);
  if (arabic?.[1]) return Number(arabic[1]);
  const chinese = /([二〇零一三四五六七八九]{4})\s*年/.exec(text);
  if (chinese?.[1]) {
    const digits = Array.from(chinese[1], (c) => CN_YEAR_DIGITS[c] ?? '').join('');
    const year = Number(digits);
    if (digits.length === 4 && year >= 2000 && year < 2100) return year;
  }
  return undefined;
}

/** A date line of the 落款: `2026年1月9日`, possibly in brackets. */
export const DATE_LINE =
  /^[（(]?\s*(20\d\d|20[xX×]{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*[)）]?$/;

const ISSUER_LINE =
  /^(中共)?[\u4e00-\u9fff\s（）()]{2,40}(人民政府|委员会|党委|政府|办公室|办事处|局|镇|乡|街道)$/;

/** `附件`, `附件1：…`, `附件：2025年矛盾纠纷统计表` on a line of its own. */
const APPENDIX = /^附件\s*([\d一二三四五六七八九十]{1,2})?\s*([：:].{0,40})?$/;

/** Sub-headings longer than this are sentences that happen to be numbered. */
const LONG_TITLE = 25;

function isClosingLine(s: string): boolean {
  return s === '' || DATE_LINE.test(s) || ISSUER_LINE.test(s);
}

function findTitle(lines: readonly string[], firstHeading: number): ReportLine | undefined {
  const limit = Math.min(firstHeading, lines.length);
  const candidates: number[] = [];
  // A cover page (unit, addressee, dates, classification) can push the title far down.
  for (let i = 0; i < limit && candidates.length < 40; i++) {
    if ((lines[i] ?? '').trim() !== '') candidates.push(i);
  }
  const looksLikeTitle = (s: string): boolean =>
    s.length <= 60 &&
    !/[。：:]$/.test(s) &&
    /法治|依法/.test(s) &&
    /报告|總結|總结|总结|報告/.test(s);
  let at = candidates.find((i) => looksLikeTitle(stripDecoration(lines[i] ?? '')));
  if (at === undefined) {
    const first = candidates[0];
    const s = first === undefined ? '' : stripDecoration(lines[first] ?? '');
    if (first === undefined || s.length > 50 || /[。：:]$/.test(s)) return undefined;
    at = first;
  }
  let text = stripDecoration(lines[at] ?? '');
  // A title is often broken after the organisation's name: 湟中区上新庄镇 / 2024年……报告.
  const prev = at > 0 ? stripDecoration(lines[at - 1] ?? '') : '';
  if (prev !== '' && prev.length <= 20 && /(镇|乡|街道|区|县|委员会|人民政府)$/.test(prev)) {
    text = prev + text;
  }
  return { line: at + 1, text };
}

/**
 * Reads a report's structure from its text: title, year, numbered headings, the top-level parts
 * with the required part each one holds, and the 落款. Tolerant of look-alike heading markers.
 */
export function parseReportText(text: string): ParsedReport {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

  // An appendix (附件：统计表 …) has its own numbering and is not part of the report's outline.
  const appendixIndex = lines.findIndex((l, i) => i > 0 && APPENDIX.test(stripDecoration(l)));
  const end = appendixIndex >= 0 ? appendixIndex : lines.length;

  const read: ReportHeading[] = [];
  const last: Record<HeadingLevel, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  const nextLine = (i: number): string =>
    lines.slice(i + 1, end).find((l) => l.trim() !== '') ?? '';
  lines.slice(0, end).forEach((raw, i) => {
    const mark: HeadingMark | undefined =
      readHeading(raw) ??
      (last[3] > 0 ? readUnpunctuatedHeading(raw, last[3] + 1) : undefined) ??
      topWithoutPunct(raw, last[1] + 1, nextLine(i));
    if (!mark) return;
    read.push({ ...mark, line: i + 1, title: headingTitle(mark.rest) });
    last[mark.level] = mark.ordinal;
    for (let l = mark.level + 1; l <= 4; l++) last[l as HeadingLevel] = 0;
  });
  const headings = recoverLevels(read, lines);

  const firstHeadingIndex = headings.length > 0 ? (headings[0]?.line ?? 1) - 1 : lines.length;
  const title = findTitle(lines, firstHeadingIndex);
  const year = title ? yearIn(title.text) : undefined;

  // The 落款 is the run of blank, issuer and date lines at the very end.
  let closingStart = end;
  while (closingStart > 0 && isClosingLine(stripDecoration(lines[closingStart - 1] ?? ''))) {
    closingStart--;
  }
  const lastHeadingLine = headings.at(-1)?.line ?? 0;
  if (closingStart < lastHeadingLine) closingStart = lastHeadingLine;
  const closing = collect(lines, closingStart + 1, end);

  const byLine = new Map(headings.map((h) => [h.line, h]));
  const tops = headings.filter((h) => h.level === 1);
  const rawParts = tops.map((heading, k) => {
    const endLine = k + 1 < tops.length ? (tops[k + 1]?.line ?? 1) - 1 : closingStart;
    const body: ReportLine[] = [];
    const subHeadings: ReportHeading[] = [];
    const runOn = (h: ReportHeading): void => {
      // A long numbered item (（1）全年排查矛盾纠纷64起，……) is prose, not a title.
      if (h.level > 1 && h.title.length > LONG_TITLE) {
        body.push({ line: h.line, text: h.rest });
        return;
      }
      const after = h.rest.slice(h.title.length).replace(/^[。！？：:，,；;\s]+/, '');
      if (after !== '') body.push({ line: h.line, text: after });
    };
    runOn(heading);
    for (let n = heading.line + 1; n <= endLine; n++) {
      const sub = byLine.get(n);
      if (sub) {
        subHeadings.push(sub);
        runOn(sub);
        continue;
      }
      const s = stripDecoration(lines[n - 1] ?? '');
      if (s !== '') body.push({ line: n, text: s });
    }
    return {
      roles: rolesOfHeading(heading.title),
      implicit: false,
      heading,
      body,
      subHeadings,
      startLine: heading.line,
      endLine,
    };
  });

  // Reports that skip a 主要举措和成效 heading and go straight into topic headings
  // (一、强化组织领导 …) still have that part: the topics before the first named part.
  const parts: ReportPart[] = rawParts;
  if (!rawParts.some((p) => p.roles.includes('measures'))) {
    for (const p of rawParts) {
      if (p.roles.length > 0) break;
      p.roles = ['measures'];
      p.implicit = true;
    }
  }

  const titleLine = title?.line ?? 0;
  const preambleEnd = (tops[0]?.line ?? closingStart + 1) - 1;
  const preamble = collect(lines, titleLine + 1, preambleEnd);

  return {
    lines,
    ...(title ? { title } : {}),
    ...(year !== undefined ? { year } : {}),
    preamble,
    headings,
    parts,
    closing,
    ...(appendixIndex >= 0 ? { appendixLine: appendixIndex + 1 } : {}),
  };
}

/** 一主要举措和成效: a part's name, or a line followed by （一）, tells a heading from prose. */
function topWithoutPunct(raw: string, expected: number, next: string): HeadingMark | undefined {
  const mark = readUnpunctuatedTopHeading(raw, expected);
  if (!mark) return undefined;
  const sub = readHeading(next);
  const opensPart = rolesOfHeading(headingTitle(mark.rest)).length > 0;
  return opensPart || (sub?.level === 2 && sub.ordinal === 1) ? mark : undefined;
}

function collect(lines: readonly string[], from: number, to: number): ReportLine[] {
  const out: ReportLine[] = [];
  for (let n = from; n <= to; n++) {
    const s = stripDecoration(lines[n - 1] ?? '');
    if (s !== '') out.push({ line: n, text: s });
  }
  return out;
}

/** The first part holding a required part, if any. */
export function partFor(report: ParsedReport, role: PartRole): ReportPart | undefined {
  return report.parts.find((p) => p.roles.includes(role));
}
