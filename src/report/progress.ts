import { currentAnswers, questionKey } from './answers.js';
import { daysBetween, shanghaiDate } from './dates.js';
import type { Answer, Question, Report, Section, SectionStatus, Template } from './types.js';

/**
 * THE meaning of owed, for every view (进度, 汇总, 全县进度, reminders, 生成草稿, 检查): a required
 * question is owed until it has a standing answer; 跳过 does not answer it (it stays owed, and
 * the official is asked again), while 无 / 本年度无此项 is an answer. An optional question is
 * never owed. A section is done when none of its required questions is owed.
 */
export function isOwed(question: Question, answer: Answer | undefined): boolean {
  if (question.optional) return false;
  return !answer || answer.value.kind === 'skipped';
}

/** The section's questions still owed, in template order, given the report's current answers. */
export function owedQuestions(
  section: Section,
  current: ReadonlyMap<string, Answer>,
): readonly Question[] {
  return section.questions.filter((q) => isOwed(q, current.get(questionKey(section.id, q.id))));
}

/**
 * A section whose questions are all optional (the opening 导语): it can never owe anything, so
 * by the one meaning of done it is done from the start. Views show it as optional while nothing
 * is written in it, never as unclaimed or unfinished.
 */
export function isOptionalSection(section: Section): boolean {
  return section.questions.length > 0 && section.questions.every((q) => q.optional);
}

/** Where a section stands by {@link isOwed}: done when nothing is owed, started once touched. */
export function sectionStatusOf(
  section: Section,
  current: ReadonlyMap<string, Answer>,
  recorded?: SectionStatus,
): Exclude<SectionStatus, 'skipped'> {
  if (isOptionalSection(section)) return 'done';
  const touched = section.questions.some((q) => current.has(questionKey(section.id, q.id)));
  // A section whose required questions are all answered is done once looked at (or recorded so).
  if (owedQuestions(section, current).length === 0 && (touched || recorded === 'done'))
    return 'done';
  return touched || (recorded !== undefined && recorded !== 'todo') ? 'in_progress' : 'todo';
}

/** Where one section stands. */
export interface SectionProgress {
  readonly sectionId: string;
  readonly part: number;
  readonly heading: string;
  /** By {@link sectionStatusOf}: `done` only when no required question is owed. */
  readonly status: SectionStatus;
  /** It asks nothing required ({@link isOptionalSection}): done, shown as optional until written. */
  readonly optional: boolean;
  readonly assignee?: string;
  /** Questions with a standing answer other than 跳过. */
  readonly answered: number;
  readonly questions: number;
  /** Required questions still owed, skipped ones included. */
  readonly owed: number;
  /** Of those, the ones someone skipped. */
  readonly skipped: number;
  /** The ids of the owed questions, in template order. */
  readonly owedQuestionIds: readonly string[];
  /** Newest answer or status change, and by whom. */
  readonly lastUpdate?: Date;
  readonly lastBy?: string;
}

/** Who still owes what: unfinished sections grouped by assignee (`null` = nobody yet). */
export interface Owing {
  readonly assignee: string | null;
  readonly sectionIds: readonly string[];
}

export interface ReportProgress {
  /** Sections the report must contain: optional ones ({@link isOptionalSection}) are not counted. */
  readonly total: number;
  readonly done: number;
  /** Sections not done only because of questions someone skipped (they are still owed). */
  readonly skipped: number;
  /** Required questions owed across the report. */
  readonly owedQuestions: number;
  /** Of those, the ones someone skipped. */
  readonly skippedQuestions: number;
  readonly inProgress: number;
  readonly todo: number;
  /** In template order. */
  readonly sections: readonly SectionProgress[];
  readonly deadline: string;
  /** Today in Asia/Shanghai, `YYYY-MM-DD`. */
  readonly today: string;
  /** Days from today to the deadline: 0 on the day, negative when overdue. */
  readonly daysLeft: number;
  readonly overdue: boolean;
  readonly lastUpdate?: Date;
  /** Unfinished (not `done`) sections, assignees in order of first appearance, unassigned last. */
  readonly owing: readonly Owing[];
}

/**
 * The progress of a report: counts, per-section status, who owes what, and the deadline. Pure:
 * `now` only decides "today" (Asia/Shanghai) for the days left.
 */
export function computeProgress(
  report: Report,
  template: Template,
  answers: readonly Answer[],
  now: Date,
): ReportProgress {
  const current = currentAnswers(answers.filter((a) => a.reportId === report.id));
  const states = new Map(report.sections.map((s) => [s.sectionId, s]));
  const sections: SectionProgress[] = [];
  for (const part of template.parts) {
    for (const section of part.sections) {
      const state = states.get(section.id);
      let answered = 0;
      let skipped = 0;
      let last: Answer | undefined;
      for (const q of section.questions) {
        const a = current.get(questionKey(section.id, q.id));
        if (!a) continue;
        if (a.value.kind === 'skipped') {
          if (!q.optional) skipped += 1;
        } else answered += 1;
        if (!last || a.at > last.at) last = a;
      }
      const owed = owedQuestions(section, current);
      const status = sectionStatusOf(section, current, state?.status);
      const stateNewer = state?.updatedAt && (!last || state.updatedAt > last.at);
      const lastUpdate = stateNewer ? state.updatedAt : last?.at;
      const lastBy = stateNewer ? state.updatedBy : last?.userid;
      sections.push({
        sectionId: section.id,
        part: part.no,
        heading: section.heading,
        status,
        optional: isOptionalSection(section),
        ...(state?.assignee ? { assignee: state.assignee } : {}),
        answered,
        questions: section.questions.length,
        owed: owed.length,
        skipped,
        owedQuestionIds: owed.map((q) => q.id),
        ...(lastUpdate ? { lastUpdate } : {}),
        ...(lastBy ? { lastBy } : {}),
      });
    }
  }
  // The counts are of what the report must contain: an optional section (导语) is never owed,
  // and counting it done would make a report nobody has touched look started.
  const counted = sections.filter((p) => !p.optional);
  const count = (s: SectionStatus) => counted.filter((p) => p.status === s).length;
  const today = shanghaiDate(now);
  const daysLeft = daysBetween(today, report.deadline);
  const lastUpdate = sections
    .map((s) => s.lastUpdate)
    .filter((d): d is Date => d !== undefined)
    .reduce<Date | undefined>((a, b) => (!a || b > a ? b : a), undefined);
  return {
    total: counted.length,
    done: count('done'),
    skipped: sections.filter((p) => p.status !== 'done' && p.skipped > 0 && p.skipped === p.owed)
      .length,
    owedQuestions: sections.reduce((n, p) => n + p.owed, 0),
    skippedQuestions: sections.reduce((n, p) => n + p.skipped, 0),
    inProgress: count('in_progress'),
    todo: count('todo'),
    sections,
    deadline: report.deadline,
    today,
    daysLeft,
    overdue: daysLeft < 0,
    ...(lastUpdate ? { lastUpdate } : {}),
    owing: owingOf(sections),
  };
}

function owingOf(sections: readonly SectionProgress[]): Owing[] {
  const byAssignee = new Map<string | null, string[]>();
  for (const s of sections) {
    if (s.status === 'done') continue;
    const key = s.assignee ?? null;
    byAssignee.set(key, [...(byAssignee.get(key) ?? []), s.sectionId]);
  }
  const owing = [...byAssignee].map(([assignee, sectionIds]) => ({ assignee, sectionIds }));
  return [...owing.filter((o) => o.assignee !== null), ...owing.filter((o) => o.assignee === null)];
}

/** A text progress bar for chat: `▓▓▓▓░░░░░░ 4/12`. */
export function progressBar(done: number, total: number, width = 10): string {
  let cells = total > 0 ? Math.round((Math.min(done, total) / total) * width) : 0;
  // Never show a full bar before everything is done, nor an empty one once anything is.
  if (done > 0 && done < total) cells = Math.min(Math.max(cells, 1), width - 1);
  return `${'▓'.repeat(cells)}${'░'.repeat(width - cells)} ${done}/${total}`;
}

// Older callers import the date of an instant from here; new code imports it from ./dates.js.
