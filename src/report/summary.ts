import { currentAnswers, questionKey } from './answers.js';
import { formatQuantity } from './numbers.js';
import { computeProgress, progressBar, type ReportProgress } from './progress.js';
import { allSections } from './sections.js';
import { summaryTexts } from './texts/summary.js';
import { deadlineText } from './deadline-text.js';
import type { Answer, Member, Metric, Org, Quantity, Report, Template } from './types.js';

/** A figure collected so far, with the section it belongs to. */
export interface KeyFigure {
  readonly sectionId: string;
  readonly metric: Metric;
  readonly quantity: Quantity;
}

/** The current numeric answers of a report, in template order. */
export function keyFigures(template: Template, answers: readonly Answer[]): KeyFigure[] {
  const current = currentAnswers(answers);
  const figures: KeyFigure[] = [];
  for (const part of template.parts) {
    for (const section of part.sections) {
      for (const question of section.questions) {
        const answer = current.get(questionKey(section.id, question.id));
        const metric = section.metrics.find((m) => m.key === question.metric);
        if (answer?.value.kind === 'number' && metric) {
          figures.push({ sectionId: section.id, metric, quantity: answer.value.quantity });
        }
      }
    }
  }
  return figures;
}

/** A member's display name when known, else the userid. */
export function displayName(userid: string, members: readonly Member[]): string {
  return members.find((m) => m.userid === userid)?.name ?? userid;
}

/** Who holds a section, by name: 未认领 when nobody does (汇总 and the dashboard say it alike). */
export function holderName(userid: string | null | undefined, members: readonly Member[]): string {
  return userid ? displayName(userid, members) : summaryTexts.unclaimed;
}

/** The deadline sentence every view says, in bold once the deadline has come. */
function deadlineLine(p: ReportProgress): string {
  const line = deadlineText(p.daysLeft, p.deadline);
  return p.overdue || p.daysLeft === 0 ? `**${line}**` : line;
}

/** `1.5 矛盾纠纷预防化解`: the summary lists sections by id, not by sections.ts's `一（五）…` label. */
function sectionLabel(template: Template, sectionId: string): string {
  const section = allSections(template).find((s) => s.id === sectionId);
  return section ? `${sectionId} ${section.heading}` : sectionId;
}

/**
 * `汇总` for leaders and admins: progress, what is missing and who owes it, lateness, and the key
 * figures collected so far. Markdown for WeCom.
 */
export function renderOrgSummary(input: {
  report: Report;
  template: Template;
  answers: readonly Answer[];
  members: readonly Member[];
  now: Date;
}): string {
  const { report, template, answers, members, now } = input;
  const p = computeProgress(report, template, answers, now);
  const lines = [
    summaryTexts.heading(report.title),
    summaryTexts.completion(progressBar(p.done, p.total), p.inProgress, p.todo),
    deadlineLine(p),
  ];
  if (p.owedQuestions > 0) {
    lines.push(
      p.skippedQuestions > 0
        ? summaryTexts.owedQuestionsWithSkipped(p.owedQuestions, p.skippedQuestions)
        : summaryTexts.owedQuestions(p.owedQuestions),
    );
  }
  const owedOf = new Map(p.sections.map((sp) => [sp.sectionId, sp]));
  const sectionText = (id: string): string => {
    const label = sectionLabel(template, id);
    const sp = owedOf.get(id);
    if (!sp || sp.owed === 0) return label;
    return sp.skipped > 0
      ? summaryTexts.sectionOwesWithSkipped(label, sp.owed, sp.skipped)
      : summaryTexts.sectionOwes(label, sp.owed);
  };
  if (p.owing.length === 0) {
    lines.push('', summaryTexts.allDone);
  } else {
    lines.push('', summaryTexts.notDoneHeading);
    for (const owing of p.owing) {
      const who = holderName(owing.assignee, members);
      const labels = owing.sectionIds.map(sectionText).join('；');
      lines.push(
        p.overdue && owing.assignee
          ? summaryTexts.owingLate(who, -p.daysLeft, labels)
          : summaryTexts.owing(who, labels),
      );
    }
  }
  const figures = keyFigures(
    template,
    answers.filter((a) => a.reportId === report.id),
  );
  if (figures.length > 0) {
    lines.push('', summaryTexts.figuresHeading);
    for (const f of figures.slice(0, 20))
      lines.push(`- ${f.metric.name}：${formatQuantity(f.quantity)}`);
    if (figures.length > 20) lines.push(summaryTexts.moreFigures(figures.length - 20));
  }
  return lines.join('\n');
}

/** One township's line in the county roll-up. */
export interface TownshipStanding {
  readonly org: Org;
  readonly report?: Report;
  readonly progress?: ReportProgress;
}

export interface CountyEntry {
  readonly org: Org;
  readonly report?: Report;
  readonly template?: Template;
  readonly answers: readonly Answer[];
}

/** Townships by completion (least done first, so the laggards lead), then by lateness. */
export function countyStandings(entries: readonly CountyEntry[], now: Date): TownshipStanding[] {
  const standings = entries.map((e) => ({
    org: e.org,
    ...(e.report ? { report: e.report } : {}),
    ...(e.report && e.template
      ? { progress: computeProgress(e.report, e.template, e.answers, now) }
      : {}),
  }));
  const ratio = (s: TownshipStanding) =>
    s.progress ? s.progress.done / Math.max(s.progress.total, 1) : -1;
  return standings.sort(
    (a, b) => ratio(a) - ratio(b) || (a.progress?.daysLeft ?? 0) - (b.progress?.daysLeft ?? 0),
  );
}

/** `全县进度`: townships by completion and lateness. */
export function renderCountyProgress(
  county: Org,
  entries: readonly CountyEntry[],
  now: Date,
): string {
  if (entries.length === 0) {
    return summaryTexts.countyProgressNobodyYet(county.name);
  }
  const lines = [summaryTexts.countyProgressHeading(county.name, entries.length)];
  for (const s of countyStandings(entries, now)) {
    if (!s.progress) {
      lines.push(summaryTexts.orgWithoutReport(s.org.name));
      continue;
    }
    const p = s.progress;
    const name = s.org.name;
    const bar = progressBar(p.done, p.total);
    const owed = p.owedQuestions;
    lines.push(
      p.overdue
        ? owed > 0
          ? summaryTexts.orgOverdueOwing(name, bar, -p.daysLeft, owed)
          : summaryTexts.orgOverdue(name, bar, -p.daysLeft)
        : owed > 0
          ? summaryTexts.orgDaysLeftOwing(name, bar, p.daysLeft, owed)
          : summaryTexts.orgDaysLeft(name, bar, p.daysLeft),
    );
  }
  return lines.join('\n');
}

/** A figure summed across townships. */
export interface CountyTotal {
  readonly metric: Metric;
  readonly value: number;
  /** How many townships reported it. */
  readonly orgs: number;
  /** Some addends were hedged (70余场次): the total is "at least" this much. */
  readonly hedged: boolean;
}

export interface CountyRate {
  readonly name: string;
  readonly numerator: CountyTotal;
  readonly denominator: CountyTotal;
  /** Percent, one decimal. */
  readonly rate: number;
}

/**
 * Sums comparable figures (same metric key and unit, counts only — percents are not summed)
 * across townships, and recomputes the template's rates from the summed counts.
 */
export function countyTotals(entries: readonly CountyEntry[]): {
  totals: CountyTotal[];
  rates: CountyRate[];
} {
  const totals = new Map<
    string,
    { metric: Metric; value: number; orgs: number; hedged: boolean }
  >();
  const relations = new Map<string, { rate: Metric; numerator: string; denominator: string }>();
  for (const entry of entries) {
    if (!entry.template || !entry.report) continue;
    const answers = entry.answers.filter((a) => a.reportId === entry.report!.id);
    for (const f of keyFigures(entry.template, answers)) {
      if (f.metric.type === 'percent') continue;
      const id = `${f.metric.key}|${f.metric.unit}`;
      const t = totals.get(id) ?? { metric: f.metric, value: 0, orgs: 0, hedged: false };
      t.value += f.quantity.value;
      t.orgs += 1;
      t.hedged ||= Boolean(f.quantity.qualifier);
      totals.set(id, t);
    }
    for (const part of entry.template.parts) {
      for (const section of part.sections) {
        for (const r of section.relations) {
          if (r.kind !== 'rate') continue;
          const rate = section.metrics.find((m) => m.key === r.rate);
          if (rate)
            relations.set(r.rate, { rate, numerator: r.numerator, denominator: r.denominator });
        }
      }
    }
  }
  const byKey = (key: string) => [...totals.values()].find((t) => t.metric.key === key);
  const rates: CountyRate[] = [];
  for (const r of relations.values()) {
    const numerator = byKey(r.numerator);
    const denominator = byKey(r.denominator);
    if (!numerator || !denominator || denominator.value === 0) continue;
    rates.push({
      name: r.rate.name,
      numerator,
      denominator,
      rate: Math.round((numerator.value / denominator.value) * 1000) / 10,
    });
  }
  return { totals: [...totals.values()], rates };
}

/** `95起`, or `70余场次` when some addend was hedged. */
function totalValue(t: CountyTotal): string {
  return t.hedged
    ? summaryTexts.totalHedged(t.value, t.metric.unit)
    : summaryTexts.total(t.value, t.metric.unit);
}

/** `化解矛盾纠纷数95起`, as in the table. */
function totalText(t: CountyTotal): string {
  return `${t.metric.name}${totalValue(t)}`;
}

/** `全县汇总`: summed figures as a markdown table, with overall rates. */
export function renderCountySummary(
  county: Org,
  entries: readonly CountyEntry[],
  now: Date,
): string {
  const { totals, rates } = countyTotals(entries);
  const reporting = entries.filter((e) => e.report).length;
  const lines = [summaryTexts.countySummaryHeading(county.name, reporting, entries.length)];
  if (totals.length === 0) {
    lines.push('', summaryTexts.noFiguresYet);
  } else {
    lines.push('', summaryTexts.totalsTableHeader, '| --- | --- | --- |');
    for (const t of totals) {
      lines.push(`| ${t.metric.name} | ${totalValue(t)} | ${t.orgs} |`);
    }
  }
  for (const r of rates) {
    lines.push(
      '',
      `${r.name}：${r.rate}%（${totalText(r.numerator)} / ${totalText(r.denominator)}）`,
    );
  }
  const late = countyStandings(entries, now).filter((s) => s.progress?.overdue);
  if (late.length > 0)
    lines.push('', summaryTexts.overdueOrgs(late.map((s) => s.org.name).join('、')));
  return lines.join('\n');
}
