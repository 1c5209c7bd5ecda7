import type { ReportPart } from '../import/parse.js';
import { partName } from '../import/roles.js';
import { SLOGANS } from './slogans.js';
import { contentLength, partNames, sentences } from './text.js';
import { emptyPartTexts } from './texts/empty-part.js';
import type { Finding, Rule } from './types.js';

/** Below this many content characters a part cannot say anything specific. */
export const MIN_PART_LENGTH = 30;

/** A figure: Arabic digits, or a Chinese numeral with a measure word (十余次, 三场). */
const FIGURE =
  /\d|[一二两三四五六七八九十百千万]+[余多]?(次|场|人|件|名|个|项|起|份|条|户|期|家|所|批|篇|册|万|千|百)/;

/** Something checkable besides figures: a named document or rule (《…》). */
const NAMED = /《[^》]{2,}》/;

const NOTHING_TO_REPORT = /^(无|没有|暂无|本年度无|本年度没有)/;

function isSloganSentence(s: string): boolean {
  if (hasFigure(s) || NAMED.test(s)) return false;
  return SLOGANS.some((p) => s.includes(p));
}

/** 【待填写：…】 and similar markers: what is still missing is not what the part says. */
const MARKER = /[【[［][^】\]］]*?(待|填写|补充|核实|确认|请)[^】\]］]*[】\]］]/g;

/** Years, months and days say when, not how much: 2025年 is not a figure of the work done. */
const DATES = /(19|20)\d\d\s*年度?|\d{1,2}\s*月(\s*\d{1,2}\s*日)?/g;

/** The part's own words: markers taken out. */
function partText(part: ReportPart): string {
  return part.body.map((l) => l.text.replace(MARKER, '')).join('');
}

function hasFigure(text: string): boolean {
  return FIGURE.test(text.replace(DATES, ''));
}

/** A problem with its cause (原因是…) is a complete 不足 part even in one sentence. */
const MIN_SHORTCOMINGS_WITH_CAUSE = 20;

function judge(part: ReportPart): Finding | undefined {
  const text = partText(part);
  const length = contentLength(text);
  const name = partNames(part.roles);
  const line = part.heading.line;
  const other = part.roles.includes('other');
  if (length === 0) {
    const marked = part.body.length > 0;
    return {
      rule: 'empty-part',
      severity: other ? 'warning' : 'error',
      message: other
        ? emptyPartTexts.otherLeftBlank(name)
        : marked
          ? emptyPartTexts.onlyMarkers(name)
          : emptyPartTexts.onlyHeading(name),
      line,
    };
  }
  if (other) return undefined;
  // “无” answers only 其他需要报告的情况; every other part has something to say.
  if (NOTHING_TO_REPORT.test(text) && length < MIN_PART_LENGTH) {
    return {
      rule: 'empty-part',
      severity: 'error',
      message: emptyPartTexts.saysNothing(name, text.slice(0, 8).replace(/[。.]$/, '')),
      line,
    };
  }
  const withCause =
    part.roles.includes('shortcomings') &&
    /原因/.test(text) &&
    length >= MIN_SHORTCOMINGS_WITH_CAUSE;
  if (length < MIN_PART_LENGTH && !withCause) {
    return {
      rule: 'empty-part',
      severity: 'warning',
      message: emptyPartTexts.tooShort(name, length),
      line,
    };
  }
  const all = part.body.flatMap((l) => sentences(l.text).map((s) => s.text));
  const slogans = all.filter(isSloganSentence);
  const concrete = hasFigure(text) || NAMED.test(text);
  if (!concrete && all.length > 0 && slogans.length / all.length >= 0.6) {
    const used = SLOGANS.filter((p) => text.includes(p)).slice(0, 3);
    return {
      rule: 'empty-part',
      severity: 'warning',
      message: emptyPartTexts.slogansOnly(name, used.join('”“')),
      line,
    };
  }
  return undefined;
}

export const emptyPart: Rule = {
  id: 'empty-part',
  name: emptyPartTexts.name,
  description: emptyPartTexts.description,
  run({ report }) {
    const findings: Finding[] = [];
    for (const part of report.parts) {
      if (part.roles.length === 0) continue;
      const f = judge(part);
      if (f) findings.push(f);
    }
    // Results without a single figure are the commonest complaint about township reports.
    const measures = report.parts.filter((p) => p.roles.includes('measures'));
    const first = measures[0];
    const flagged = new Set(findings.map((f) => f.line));
    if (first && !measures.some((p) => flagged.has(p.heading.line))) {
      const text = measures.map(partText).join('');
      if (!hasFigure(text)) {
        findings.push({
          rule: 'empty-part',
          severity: 'warning',
          message: emptyPartTexts.measuresWithoutFigures(partName('measures')),
          line: first.heading.line,
        });
      }
    }
    const leader = report.parts.find((p) => p.roles.includes('first_responsible'));
    if (leader && !flagged.has(leader.heading.line)) {
      const text = partText(leader);
      if (contentLength(text) > 0 && !hasFigure(text)) {
        findings.push({
          rule: 'empty-part',
          severity: 'info',
          message: emptyPartTexts.leaderWithoutFigures(partName('first_responsible')),
          line: leader.heading.line,
        });
      }
    }
    return findings;
  },
};
