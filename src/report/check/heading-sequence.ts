import { headingNumber } from '../heading-numbers.js';
import type { HeadingLevel, HeadingStyle } from '../import/headings.js';
import type { ReportHeading } from '../import/parse.js';
import type { Finding, Rule, Severity } from './types.js';
import { excerpt } from './text.js';
import { headingSequenceTexts } from './texts/heading-sequence.js';

const LEVEL_NAMES: Record<HeadingLevel, string> = {
  1: headingSequenceTexts.level1,
  2: headingSequenceTexts.level2,
  3: headingSequenceTexts.level3,
  4: headingSequenceTexts.level4,
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
      return headingSequenceTexts.missingOpen(level, h.marker, want);
    case 'missing_punct':
      return headingSequenceTexts.missingPunct(
        level,
        excerpt(h.marker + h.title, 10),
        h.level === 1 ? '、' : '.',
        want + excerpt(h.title, 9),
      );
    case 'wrong_level':
      return h.level === 1
        ? headingSequenceTexts.firstLevelNumbered(
            excerpt(h.marker + h.title, 12),
            headingNumber(1, 2),
            want,
          )
        : headingSequenceTexts.secondLevelNumbered(
            excerpt(h.marker + h.title, 12),
            want,
            headingNumber(1, h.ordinal + 1),
          );
    case 'half_width':
      return headingSequenceTexts.halfWidth(level, h.marker, want);
    case 'mixed_width':
      return headingSequenceTexts.mixedWidth(level, h.marker, want);
    case 'wrong_punct':
      return h.level === 3
        ? headingSequenceTexts.thirdLevelPunct(level, h.marker, want)
        : headingSequenceTexts.wrongPunct(level, h.marker, want);
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
        message: headingSequenceTexts.repeated(level, got, prev.line, want),
        line: h.line,
      });
      // When the next sibling carries on from the intended number (二、 二、 四、), the repeat is
      // the only mistake; do not report the sibling as a skip as well.
      const next = headings.slice(i + 1).find((n) => n.level <= h.level);
      if (next && next.level === h.level && next.ordinal === expected + 1) assumed = expected;
    } else if (h.ordinal > expected) {
      findings.push({
        rule: 'heading-sequence',
        severity: 'error',
        message: !prev
          ? headingSequenceTexts.wrongStart(level, headingNumber(h.level, 1), got)
          : h.ordinal - expected === 1
            ? headingSequenceTexts.skippedOne(level, prev.marker, got, want)
            : headingSequenceTexts.skippedRange(
                level,
                prev.marker,
                got,
                want,
                headingNumber(h.level, h.ordinal - 1),
              ),
        line: h.line,
      });
    } else if (prev && h.ordinal < prev.ordinal) {
      findings.push({
        rule: 'heading-sequence',
        severity: 'error',
        message: headingSequenceTexts.backwards(level, prev.line, prev.marker, got, want),
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
    const shown = others.slice(0, 5).join('、');
    const more =
      others.length === 0
        ? ''
        : others.length > 5
          ? headingSequenceTexts.sameAlsoAtMany(shown, others.length)
          : headingSequenceTexts.sameAlsoAt(shown);
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
  name: headingSequenceTexts.name,
  description: headingSequenceTexts.description,
  run({ report }) {
    return [...sequenceFindings(report.headings), ...styleFindings(report.headings, report.lines)];
  },
};
