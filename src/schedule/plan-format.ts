import type { WorkCalendar } from './calendar.js';
import {
  chineseWeekday,
  formatChineseDate,
  formatShanghai,
  isWeekend,
  shanghaiTime,
} from '../report/dates.js';
import type { PlannedReminder, ReminderPlan } from './policy.js';
import type { UpcomingReminders } from './ports.js';
import { reminderTexts } from './texts.js';

/** One reminder as `remind-plan --json` prints it. */
export interface PlannedReminderJson {
  /** ISO-8601 with the Shanghai offset: `2027-02-19T09:30:00+08:00`. */
  readonly at: string;
  readonly kind: PlannedReminder['kind'];
  readonly daysLeft: number;
}

export function planToJson(plan: readonly PlannedReminder[]): PlannedReminderJson[] {
  return plan.map((r) => ({ at: formatShanghai(r.at), kind: r.kind, daysLeft: r.daysLeft }));
}

/** `截止前3个工作日`, `今日截止`, `已逾期2个工作日`. */
export function describeStanding(r: Pick<PlannedReminder, 'kind' | 'daysLeft'>): string {
  if (r.kind === 'before') return reminderTexts.standingBefore(r.daysLeft);
  if (r.kind === 'due') return reminderTexts.standingDue;
  return reminderTexts.standingOverdue(-r.daysLeft);
}

/** The plan as a Chinese list, one reminder a line, then the notes. */
export function formatPlanText(
  plan: ReminderPlan,
  deadline: string,
  calendar: WorkCalendar,
): string {
  const lines = [
    reminderTexts.planHead(
      formatChineseDate(deadline, true),
      chineseWeekday(deadline),
      plan.length,
    ),
  ];
  for (const r of plan) {
    const day = calendar.describe(r.date);
    const marks = [
      ...(isWeekend(r.date) && day.working ? [reminderTexts.markSwappedWorkday] : []),
      ...(day.source === 'estimated' ? [reminderTexts.markEstimated] : []),
    ];
    const label =
      r.kind === 'due' && r.date !== deadline
        ? reminderTexts.standingDueAhead
        : describeStanding(r);
    lines.push(
      `  ${formatChineseDate(r.date, true)} ${chineseWeekday(r.date)} ${shanghaiTime(r.at)}  ${label}` +
        (marks.length > 0 ? `（${marks.join('，')}）` : ''),
    );
  }
  if (plan.notes.length > 0) {
    lines.push(reminderTexts.planNotesHead, ...plan.notes.map((n) => `  · ${n}`));
  }
  return lines.join('\n');
}

/** `下次提醒` for chat: the next reminders, the pause state and the plan's caveats. */
export function formatUpcoming(up: UpcomingReminders): string {
  const lines = [reminderTexts.upcomingHead(formatChineseDate(up.deadline, true))];
  if (up.paused) lines.push(`  ${reminderTexts.upcomingPaused}`);
  if (up.reminders.length === 0) lines.push(`  ${reminderTexts.upcomingNone}`);
  for (const r of up.reminders) {
    lines.push(
      `  ${formatChineseDate(r.date)} ${chineseWeekday(r.date)} ${shanghaiTime(r.at)}  ${describeStanding(r)}`,
    );
  }
  for (const note of up.notes) lines.push(`  · ${note}`);
  return lines.join('\n');
}
