/**
 * What a leader sees at a glance: plain view data for the progress charts (chat images) and the
 * dashboard pages. Pure: everything comes from `computeProgress` (the one meaning of done/owed)
 * and the stored answers; `now` only decides "today".
 */
import { addDays, daysBetween, shanghaiDate } from './dates.js';
import { formatQuantity } from './numbers.js';
import { computeProgress, type ReportProgress } from './progress.js';
import { allSections, sectionLabel } from './sections.js';
import {
  countyTotals,
  holderName,
  keyFigures,
  type CountyEntry,
  type CountyRate,
  type CountyTotal,
} from './summary.js';
import { dashboardTexts } from './texts/dashboard.js';
import type { Answer, Member, Report, SectionStatus, Template } from './types.js';

/**
 * The two figures shown beside completion: the share of disputes resolved (a rate the template
 * derives from two counts) and the number of 普法 events. Keys of the township template.
 */
export const KEY_INDICATORS = { rate: 'mediation_rate', count: 'pufa_events' } as const;

export const STATUS_NAMES: Readonly<Record<SectionStatus, string>> = {
  done: dashboardTexts.statusDone,
  in_progress: dashboardTexts.statusInProgress,
  todo: dashboardTexts.statusTodo,
  skipped: dashboardTexts.statusSkipped,
};

export interface SectionView {
  readonly id: string;
  /** `一（五）矛盾纠纷预防化解`. */
  readonly label: string;
  readonly status: SectionStatus;
  readonly answered: number;
  readonly questions: number;
  /** Display name, or 未认领. */
  readonly who: string;
}

export interface OwingView {
  readonly who: string;
  readonly sections: readonly string[];
}

export interface FigureView {
  readonly name: string;
  /** As the official wrote it back: `70余场次`. */
  readonly text: string;
}

/** One point of a progress line: share of sections done by the end of a day. */
export interface TimelinePoint {
  readonly date: string;
  readonly percent: number;
}

export interface TownshipView {
  readonly orgName: string;
  readonly title: string;
  readonly reportId: string;
  readonly deadline: string;
  readonly today: string;
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly done: number;
  readonly inProgress: number;
  readonly todo: number;
  readonly skipped: number;
  readonly total: number;
  readonly percent: number;
  readonly sections: readonly SectionView[];
  readonly owing: readonly OwingView[];
  readonly figures: readonly FigureView[];
  readonly timeline: readonly TimelinePoint[];
}

export interface IndicatorNames {
  readonly rate: string;
  readonly count: string;
  readonly countUnit: string;
}

export interface TownshipRow {
  readonly orgId: string;
  readonly name: string;
  /** Absent while the township has no report yet. */
  readonly reportId?: string;
  readonly done: number;
  readonly total: number;
  readonly percent: number;
  readonly deadline?: string;
  readonly daysLeft?: number;
  readonly overdue: boolean;
  /** Percent, one decimal; absent when not reported. */
  readonly rate?: number;
  readonly count?: number;
  /** Who still owes sections, with how many. */
  readonly owing: readonly { readonly who: string; readonly sections: number }[];
}

/** A county entry with the township's members, for names in "who owes what". */
export type DashboardEntry = CountyEntry & { readonly members?: readonly Member[] };

export interface CountyView {
  readonly countyName: string;
  readonly today: string;
  /** Ranked by completion, most complete first; townships without a report last. */
  readonly townships: readonly TownshipRow[];
  /** The deadline most townships' reports have, and the days left to it. */
  readonly deadline?: string;
  readonly daysLeft?: number;
  readonly finished: number;
  readonly withReport: number;
  readonly indicators: IndicatorNames;
  readonly totals: readonly CountyTotal[];
  readonly rates: readonly CountyRate[];
  readonly timeline: readonly TimelinePoint[];
}

const DEFAULT_INDICATORS: IndicatorNames = {
  rate: dashboardTexts.defaultRateName,
  count: dashboardTexts.defaultCountName,
  countUnit: dashboardTexts.defaultCountUnit,
};

/** How far back the progress line goes, in weeks. */
const TIMELINE_WEEKS = 12;

const percentOf = (done: number, total: number) =>
  total > 0 ? Math.round((done / total) * 100) : 0;

/** One township's view: sections by state against the days left, who owes what, its figures. */
export function townshipView(input: {
  report: Report;
  template: Template;
  answers: readonly Answer[];
  members: readonly Member[];
  now: Date;
}): TownshipView {
  const { report, template, members, now } = input;
  const answers = input.answers.filter((a) => a.reportId === report.id);
  const p = computeProgress(report, template, answers, now);
  const labels = new Map(allSections(template).map((s) => [s.id, sectionLabel(s)]));
  const who = (userid: string | null | undefined) => holderName(userid, members);
  return {
    orgName: report.orgName,
    title: report.title,
    reportId: report.id,
    deadline: p.deadline,
    today: p.today,
    daysLeft: p.daysLeft,
    overdue: p.overdue,
    done: p.done,
    inProgress: p.inProgress,
    todo: p.todo,
    skipped: p.skipped,
    total: p.total,
    percent: percentOf(p.done, p.total),
    // Counted sections only, as progress.ts counts them: an optional one is never owed.
    sections: p.sections
      .filter((s) => !s.optional)
      .map((s) => ({
        id: s.sectionId,
        label: labels.get(s.sectionId) ?? s.sectionId,
        status: s.status,
        answered: s.answered,
        questions: s.questions,
        who: who(s.assignee),
      })),
    owing: p.owing.map((o) => ({
      who: who(o.assignee),
      sections: o.sectionIds.map((id) => labels.get(id) ?? id),
    })),
    figures: keyFigures(template, answers).map((f) => ({
      name: f.metric.name,
      text: formatQuantity(f.quantity),
    })),
    timeline: timeline([{ report, progress: p }], p.today),
  };
}

/** The county's view: townships ranked by completion, key indicators, sums, progress over time. */
export function countyView(
  countyName: string,
  entries: readonly DashboardEntry[],
  now: Date,
): CountyView {
  const today = shanghaiDate(now);
  const indicators = indicatorNames(entries);
  const rows: { row: TownshipRow; progress?: ReportProgress; report?: Report }[] = entries.map(
    (e) => {
      if (!e.report || !e.template) {
        return {
          row: {
            orgId: e.org.id,
            name: e.org.name,
            done: 0,
            total: 0,
            percent: 0,
            overdue: false,
            owing: [],
          },
        };
      }
      const answers = e.answers.filter((a) => a.reportId === e.report!.id);
      const p = computeProgress(e.report, e.template, answers, now);
      const { rate, count } = indicatorsOf(e.template, answers);
      const members = e.members ?? [];
      const row: TownshipRow = {
        orgId: e.org.id,
        name: e.org.name,
        reportId: e.report.id,
        done: p.done,
        total: p.total,
        percent: percentOf(p.done, p.total),
        deadline: p.deadline,
        daysLeft: p.daysLeft,
        overdue: p.overdue,
        ...(rate !== undefined ? { rate } : {}),
        ...(count !== undefined ? { count } : {}),
        owing: p.owing.map((o) => ({
          who: holderName(o.assignee, members),
          sections: o.sectionIds.length,
        })),
      };
      return { row, progress: p, report: e.report };
    },
  );
  const ranked = [...rows].sort(
    (a, b) =>
      Number(b.row.reportId !== undefined) - Number(a.row.reportId !== undefined) ||
      b.row.percent - a.row.percent ||
      (a.row.daysLeft ?? 0) - (b.row.daysLeft ?? 0) ||
      a.row.name.localeCompare(b.row.name, 'zh'),
  );
  const deadline = commonDeadline(rows.flatMap((r) => (r.row.deadline ? [r.row.deadline] : [])));
  const { totals, rates } = countyTotals(entries);
  const reported = rows.flatMap((r) =>
    r.progress && r.report ? [{ report: r.report, progress: r.progress }] : [],
  );
  return {
    countyName,
    today,
    townships: ranked.map((r) => r.row),
    ...(deadline ? { deadline, daysLeft: daysBetween(today, deadline) } : {}),
    finished: rows.filter((r) => r.progress && r.progress.done === r.progress.total).length,
    withReport: reported.length,
    indicators,
    totals,
    rates,
    timeline: timeline(reported, today),
  };
}

/** The deadline most townships have (a county usually sets one); the earliest on a tie. */
function commonDeadline(deadlines: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const d of deadlines) counts.set(d, (counts.get(d) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
}

/** The template's names for the key indicators (the first township template found). */
function indicatorNames(entries: readonly CountyEntry[]): IndicatorNames {
  for (const e of entries) {
    if (!e.template) continue;
    const metrics = allSections(e.template).flatMap((s) => s.metrics);
    const rate = metrics.find((m) => m.key === KEY_INDICATORS.rate);
    const count = metrics.find((m) => m.key === KEY_INDICATORS.count);
    if (rate && count) return { rate: rate.name, count: count.name, countUnit: count.unit };
  }
  return DEFAULT_INDICATORS;
}

/**
 * A township's key indicators. The rate is recomputed from the two counts it relates when both
 * were given (as 全县汇总 does), else taken as reported; nothing is invented when neither was.
 */
function indicatorsOf(
  template: Template,
  answers: readonly Answer[],
): { rate?: number; count?: number } {
  const figures = new Map(
    keyFigures(template, answers).map((f) => [f.metric.key, f.quantity.value]),
  );
  let rate = figures.get(KEY_INDICATORS.rate);
  for (const section of allSections(template)) {
    for (const r of section.relations) {
      if (r.kind !== 'rate' || r.rate !== KEY_INDICATORS.rate) continue;
      const n = figures.get(r.numerator);
      const d = figures.get(r.denominator);
      if (n !== undefined && d !== undefined && d > 0) rate = Math.round((n / d) * 1000) / 10;
    }
  }
  const count = figures.get(KEY_INDICATORS.count);
  return { ...(rate !== undefined ? { rate } : {}), ...(count !== undefined ? { count } : {}) };
}

/**
 * Share of sections done at the end of each week up to today (a section counts from the day its
 * `done` status was set), summed over the given reports. Starts at the first report's creation,
 * at most {@link TIMELINE_WEEKS} weeks back.
 */
function timeline(
  reports: readonly { report: Report; progress: ReportProgress }[],
  today: string,
): TimelinePoint[] {
  if (reports.length === 0) return [];
  const total = reports.reduce((n, r) => n + r.progress.total, 0);
  const doneDates: string[] = [];
  for (const { report, progress } of reports) {
    const setAt = new Map(report.sections.map((s) => [s.sectionId, s.updatedAt]));
    for (const s of progress.sections) {
      if (s.status !== 'done' || s.optional) continue;
      const at = setAt.get(s.sectionId) ?? s.lastUpdate;
      doneDates.push(at ? shanghaiDate(at) : today);
    }
  }
  doneDates.sort();
  const created = reports.map((r) => shanghaiDate(r.report.createdAt)).sort()[0] ?? today;
  const earliest = addDays(today, -7 * TIMELINE_WEEKS);
  let date = created > earliest ? created : earliest;
  const points: TimelinePoint[] = [];
  for (;;) {
    const d = date > today ? today : date;
    const done = doneDates.filter((x) => x <= d).length;
    points.push({ date: d, percent: percentOf(done, total) });
    if (d === today) break;
    date = addDays(date, 7);
  }
  return points;
}
