import { DATE_LINE, type ReportLine } from '../import/parse.js';
import { partName } from '../import/roles.js';
import type { PartRole } from '../types.js';
import { excerpt, inSpans, partNames, quotedSpans, type Span } from './text.js';
import { yearMismatchTexts } from './texts/year-mismatch.js';
import type { Finding, Rule } from './types.js';

interface YearUse {
  readonly year: number;
  readonly index: number;
  /** The year refers to a starting point (自2019年起) or a comparison (较2023年): any past year fits. */
  readonly pastOk: boolean;
  /** The year is what plans build on (在2025年的基础上, 巩固2025年成果), not when they happen. */
  readonly baseline: boolean;
  /** A few characters after `年`, e.g. `1月` in 2026年1月. */
  readonly after: string;
}

/** Years the text itself speaks of: not those in document names, quotes or ranges (2021—2025年). */
export function yearsIn(text: string): YearUse[] {
  const skip: Span[] = quotedSpans(text);
  const range = /(20\d\d)\s*年?\s*[—–\-~～至到]\s*(20\d\d)\s*年/g;
  for (const m of text.matchAll(range)) skip.push({ start: m.index, end: m.index + m[0].length });
  const uses: YearUse[] = [];
  for (const m of text.matchAll(/(20\d\d)\s*年/g)) {
    if (inSpans(skip, m.index)) continue;
    const before = text.slice(Math.max(0, m.index - 3), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 6);
    const pastOk =
      /(自|从|早在|始于|较|比|同比|与|相比|对比)$/.test(before) ||
      /^(度?以来|起|开始|至今)/.test(after);
    const baseline =
      /^度?(工作)?的?(基础|成果|成效|经验|水平)/.test(after) || /(巩固|保持|延续)$/.test(before);
    uses.push({ year: Number(m[1]), index: m.index, pastOk, baseline, after });
  }
  return uses;
}

type Context = 'results' | 'plans' | 'mixed' | 'none';

function contextOf(roles: readonly PartRole[]): Context {
  if (roles.length === 0 || roles.includes('other')) return 'none';
  if (roles.includes('plans')) return roles.length > 1 ? 'mixed' : 'plans';
  return 'results';
}

export const yearMismatch: Rule = {
  id: 'year-mismatch',
  name: yearMismatchTexts.name,
  description: yearMismatchTexts.description,
  run({ report, year, options }) {
    const findings: Finding[] = [];
    const push = (severity: Finding['severity'], message: string, line: number): void => {
      findings.push({ rule: 'year-mismatch', severity, message, line });
    };
    const titleLine = report.title?.line ?? 1;
    if (year === undefined) {
      push('info', yearMismatchTexts.noYear, titleLine);
      return findings;
    }
    if (options.year !== undefined && report.year !== undefined && report.year !== options.year) {
      push('error', yearMismatchTexts.titleYearDiffers(report.year, options.year), titleLine);
    }
    const N = year;
    const plansName = partName('plans');

    // The opening sentence is the first thing copied from last year's report.
    const opening = report.preamble.find((l) => !/[：:]$/.test(l.text));
    let openingLine = -1;
    if (opening) {
      const first = yearsIn(opening.text)[0];
      if (first && first.index <= 2 && first.year !== N) {
        push('error', yearMismatchTexts.openingYear(first.year, N), opening.line);
        openingLine = opening.line;
      }
    }

    const checkHeading = (title: string, line: number, roles: readonly PartRole[]): void => {
      const ctx = contextOf(roles);
      for (const use of yearsIn(title)) {
        if (ctx === 'plans' && use.year !== N + 1) {
          push('error', yearMismatchTexts.plansHeadingYear(plansName, N + 1, use.year), line);
        } else if (ctx === 'results' && use.year !== N && !use.pastOk) {
          push('error', yearMismatchTexts.resultsHeadingYear(use.year, N), line);
        }
      }
    };

    const checkDate = (l: ReportLine): void => {
      const m = DATE_LINE.exec(l.text);
      const y = m?.[1] !== undefined ? Number(m[1]) : NaN;
      if (!Number.isNaN(y) && y !== N && y !== N + 1) {
        push('warning', yearMismatchTexts.dateYear(y, N, N + 1), l.line);
      }
    };

    const checkBody = (
      l: ReportLine,
      ctx: Context,
      where: string,
      roles: readonly PartRole[] = [],
    ): void => {
      if (l.line === openingLine) return;
      if (DATE_LINE.test(l.text)) return checkDate(l);
      const seen = new Set<number>();
      for (const use of yearsIn(l.text)) {
        if (seen.has(use.year)) continue;
        let problem: Finding['severity'] | undefined;
        let message = '';
        const quote = (): string => excerpt(l.text.slice(use.index), 14);
        // 述法 and year-end reviews happen in the first months after the year: 2026年1月述法.
        const earlyNext =
          use.year === N + 1 && roles.includes('first_responsible') && /^[1-3]月/.test(use.after);
        // A meeting that deploys a year's work is held in that year: 召开2024年普法工作部署会议
        // among 2025's results is last year's material.
        const lastYearsMeeting =
          use.year === N - 1 &&
          /(召开|举行|举办)$/.test(l.text.slice(Math.max(0, use.index - 4), use.index)) &&
          /^度?[^，。；]{0,10}(部署|动员|推进|工作)(大)?会/.test(l.text.slice(use.index + 5));
        if (ctx === 'results' && lastYearsMeeting) {
          problem = 'warning';
          message = yearMismatchTexts.lastYearsMeeting(N, excerpt(l.text.slice(use.index), 16));
        } else if (ctx === 'results' && use.year > N && !earlyNext) {
          problem = 'error';
          message = yearMismatchTexts.laterYearInResults(N, where, use.year, quote());
        } else if ((ctx === 'results' || ctx === 'mixed') && use.year < N - 1 && !use.pastOk) {
          problem = 'warning';
          message = yearMismatchTexts.olderYearInResults(N, where, use.year, quote());
        } else if (ctx === 'plans' && use.year <= N && !use.pastOk && !use.baseline) {
          problem = 'warning';
          message = yearMismatchTexts.pastYearInPlans(plansName, N + 1, use.year, quote());
        }
        if (problem) {
          seen.add(use.year);
          push(problem, message, l.line);
        }
      }
    };

    for (const l of report.preamble) checkBody(l, 'results', yearMismatchTexts.opening);
    for (const part of report.parts) {
      checkHeading(part.heading.title, part.heading.line, part.roles);
      for (const h of part.subHeadings) checkHeading(h.title, h.line, part.roles);
      for (const l of part.body) {
        checkBody(l, contextOf(part.roles), partNames(part.roles), part.roles);
      }
    }
    for (const l of report.closing) checkDate(l);
    return findings;
  },
};
