import { DATE_LINE, type ReportLine } from '../import/parse.js';
import { partName } from '../import/roles.js';
import type { PartRole } from '../types.js';
import { excerpt, inSpans, quotedSpans, type Span } from './text.js';
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

function ctxName(roles: readonly PartRole[]): string {
  return roles.map((r) => `“${partName(r)}”`).join('与');
}

export const yearMismatch: Rule = {
  id: 'year-mismatch',
  name: '年份',
  description: '标题中的报告年度与各级标题、成效部分、落款中使用的年份是否一致',
  run({ report, year, options }) {
    const findings: Finding[] = [];
    const push = (severity: Finding['severity'], message: string, line: number): void => {
      findings.push({ rule: 'year-mismatch', severity, message, line });
    };
    const titleLine = report.title?.line ?? 1;
    if (year === undefined) {
      push(
        'info',
        '未能从标题中读出报告年度，未检查年份是否一致；请在标题中写明年度（如“2025年法治政府建设情况报告”），或用 --year 2025 指定',
        titleLine,
      );
      return findings;
    }
    if (options.year !== undefined && report.year !== undefined && report.year !== options.year) {
      push(
        'error',
        `标题中的年度（${report.year}年）与本次报告年度（${options.year}年）不一致`,
        titleLine,
      );
    }
    const N = year;

    // The opening sentence is the first thing copied from last year's report.
    const opening = report.preamble.find((l) => !/[：:]$/.test(l.text));
    let openingLine = -1;
    if (opening) {
      const first = yearsIn(opening.text)[0];
      if (first && first.index <= 2 && first.year !== N) {
        push(
          'error',
          `开头写的是“${first.year}年”，与报告年度${N}年不一致，请检查是否沿用了往年材料`,
          opening.line,
        );
        openingLine = opening.line;
      }
    }

    const checkHeading = (title: string, line: number, roles: readonly PartRole[]): void => {
      const ctx = contextOf(roles);
      for (const use of yearsIn(title)) {
        if (ctx === 'plans' && use.year !== N + 1) {
          push('error', `“下一年度主要安排”应针对${N + 1}年，标题中写的是${use.year}年`, line);
        } else if (ctx === 'results' && use.year !== N && !use.pastOk) {
          push('error', `此处标题写的是${use.year}年，与报告年度${N}年不一致`, line);
        }
      }
    };

    const checkDate = (l: ReportLine): void => {
      const m = DATE_LINE.exec(l.text);
      const y = m?.[1] !== undefined ? Number(m[1]) : NaN;
      if (!Number.isNaN(y) && y !== N && y !== N + 1) {
        push(
          'warning',
          `成文日期为${y}年，报告年度为${N}年，成文日期一般在${N}年底至${N + 1}年上半年`,
          l.line,
        );
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
          message = `报告年度为${N}年，成效部分却写“${excerpt(l.text.slice(use.index), 16)}”；如是本年度召开的会议，应为${N}年`;
        } else if (ctx === 'results' && use.year > N && !earlyNext) {
          problem = 'error';
          message = `报告年度为${N}年，${where}中却出现${use.year}年（“${excerpt(l.text.slice(use.index), 14)}”）；此处应写${N}年已做的工作`;
        } else if ((ctx === 'results' || ctx === 'mixed') && use.year < N - 1 && !use.pastOk) {
          problem = 'warning';
          message = `报告年度为${N}年，${where}中出现${use.year}年（“${excerpt(l.text.slice(use.index), 14)}”），请确认是否沿用了往年材料`;
        } else if (ctx === 'plans' && use.year <= N && !use.pastOk && !use.baseline) {
          problem = 'warning';
          message = `“下一年度主要安排”应是${N + 1}年的安排，却出现${use.year}年（“${excerpt(l.text.slice(use.index), 14)}”）`;
        }
        if (problem) {
          seen.add(use.year);
          push(problem, message, l.line);
        }
      }
    };

    for (const l of report.preamble) checkBody(l, 'results', '开头部分');
    for (const part of report.parts) {
      checkHeading(part.heading.title, part.heading.line, part.roles);
      for (const h of part.subHeadings) checkHeading(h.title, h.line, part.roles);
      for (const l of part.body) {
        checkBody(l, contextOf(part.roles), ctxName(part.roles), part.roles);
      }
    }
    for (const l of report.closing) checkDate(l);
    return findings;
  },
};
