import { headingNumber } from '../heading-numbers.js';
import type { HeadingLevel, HeadingStyle } from '../import/headings.js';
import type { ReportHeading } from '../import/parse.js';
import type { Finding, Rule, Severity } from './types.js';
import { excerpt } from './text.js';

const LEVEL_NAMES: Record<HeadingLevel, string> = {
  1: '一级标题',
  2: '二级标题',
  3: '三级标题',
  4: '四级标题',
};

/** Broken markers read wrongly or not at all in other tools; look-alikes are a matter of form. */
const STYLE_SEVERITY: Record<Exclude<HeadingStyle, 'standard'>, Severity> = {
  missing_open: 'error',
  missing_punct: 'error',
  wrong_level: 'error',
  wrong_punct: 'warning',
  half_width: 'info',
  mixed_width: 'info',
};

function styleMessage(h: ReportHeading): string {
  const want = headingNumber(h.level, h.ordinal);
  const level = LEVEL_NAMES[h.level];
  switch (h.style) {
    case 'missing_open':
      return `${level}“${h.marker}”缺少左括号，应写作“${want}”`;
    case 'missing_punct':
      return `${level}“${excerpt(h.marker + h.title, 10)}”编号后缺少“${h.level === 1 ? '、' : '.'}”，应写作“${want}${excerpt(h.title, 9)}”`;
    case 'wrong_level':
      return h.level === 1
        ? `“${excerpt(h.marker + h.title, 12)}”与后面的“${headingNumber(1, 2)}”等同为一级标题，编号应写作“${want}”`
        : `“${excerpt(h.marker + h.title, 12)}”紧接在一级标题之下，是第一个二级标题，编号应写作“${want}”（不是“${headingNumber(1, h.ordinal + 1)}”）`;
    case 'half_width':
      return `${level}“${h.marker}”使用了半角括号，应写作全角“${want}”`;
    case 'mixed_width':
      return `${level}“${h.marker}”括号全角半角混用，应写作“${want}”`;
    case 'wrong_punct':
      return h.level === 3
        ? `${level}“${h.marker}”应写作“${want}”（按 GB/T 9704 习惯，阿拉伯数字序号后用“.”）`
        : `${level}“${h.marker}”应写作“${want}”`;
    case 'standard':
      return '';
  }
}

function sequenceFindings(headings: readonly ReportHeading[]): Finding[] {
  const findings: Finding[] = [];
  const last: Partial<Record<HeadingLevel, { ordinal: number; line: number; marker: string }>> = {};
  headings.forEach((h, i) => {
    const prev = last[h.level];
    const expected = prev ? prev.ordinal + 1 : 1;
    const got = headingNumber(h.level, h.ordinal);
    const want = headingNumber(h.level, expected);
    const level = LEVEL_NAMES[h.level];
    let assumed = h.ordinal;
    if (prev && h.ordinal === prev.ordinal) {
      findings.push({
        rule: 'heading-sequence',
        severity: 'error',
        message: `${level}编号“${got}”重复（第${prev.line}行已使用），此处应为“${want}”`,
        line: h.line,
      });
      // When the next sibling carries on from the intended number (二、 二、 四、), the repeat is
      // the only mistake; do not report the sibling as a skip as well.
      const next = headings.slice(i + 1).find((n) => n.level <= h.level);
      if (next && next.level === h.level && next.ordinal === expected + 1) assumed = expected;
    } else if (h.ordinal > expected) {
      const missing =
        h.ordinal - expected === 1
          ? `“${want}”`
          : `“${want}”至“${headingNumber(h.level, h.ordinal - 1)}”`;
      findings.push({
        rule: 'heading-sequence',
        severity: 'error',
        message: prev
          ? `${level}编号跳号：“${prev.marker}”之后是“${got}”，缺少${missing}`
          : `${level}编号应从“${headingNumber(h.level, 1)}”开始，此处为“${got}”`,
        line: h.line,
      });
    } else if (prev && h.ordinal < prev.ordinal) {
      findings.push({
        rule: 'heading-sequence',
        severity: 'error',
        message: `${level}编号倒退：第${prev.line}行为“${prev.marker}”，此处为“${got}”，应为“${want}”`,
        line: h.line,
      });
    }
    last[h.level] = { ordinal: assumed, line: h.line, marker: h.marker };
    // Numbering restarts under each parent.
    for (let l = h.level + 1; l <= 4; l++) delete last[l as HeadingLevel];
  });
  return findings;
}

/** One finding per level and look-alike style, at its first use, naming the other lines. */
/**
 * True when the text's punctuation is half-width throughout (converted from a web page or another
 * format): half-width heading brackets then match the rest and are not worth a note.
 */
export function mostlyHalfWidth(lines: readonly string[]): boolean {
  let half = 0;
  let full = 0;
  for (const l of lines) {
    half += (l.match(/[,;:()](?!\d)/g) ?? []).length;
    full += (l.match(/[，；：（）]/g) ?? []).length;
  }
  return half > 0 && full <= half / 4;
}

function styleFindings(headings: readonly ReportHeading[], lines: readonly string[]): Finding[] {
  const groups = new Map<string, ReportHeading[]>();
  const halfWidthText = mostlyHalfWidth(lines);
  for (const h of headings) {
    if (h.style === 'standard') continue;
    if (halfWidthText && (h.style === 'half_width' || h.style === 'mixed_width')) continue;
    // Bracket width is one habit of the whole text: one note, whatever the level.
    const key =
      h.style === 'half_width' || h.style === 'mixed_width' ? 'width' : `${h.level}:${h.style}`;
    const group = groups.get(key) ?? [];
    group.push(h);
    groups.set(key, group);
  }
  const findings: Finding[] = [];
  for (const group of groups.values()) {
    const first = group[0];
    if (!first || first.style === 'standard') continue;
    const others = group.slice(1).map((h) => h.line);
    const more =
      others.length === 0
        ? ''
        : `；同样问题另见第${others.slice(0, 5).join('、')}行${others.length > 5 ? `等${others.length}处` : ''}`;
    // Broken markers are each a mistake of their own; look-alikes are one habit, said once.
    if (STYLE_SEVERITY[first.style] === 'error') {
      for (const h of group) {
        findings.push({
          rule: 'heading-sequence',
          severity: 'error',
          message: styleMessage(h),
          line: h.line,
        });
      }
    } else {
      findings.push({
        rule: 'heading-sequence',
        severity: STYLE_SEVERITY[first.style],
        message: styleMessage(first) + more,
        line: first.line,
      });
    }
  }
  return findings;
}

export const headingSequence: Rule = {
  id: 'heading-sequence',
  name: '标题编号',
  description: '各级标题编号是否连续、不重复，序号写法是否规范（一、（一）1.（1））',
  run({ report }) {
    return [...sequenceFindings(report.headings), ...styleFindings(report.headings, report.lines)];
  },
};
