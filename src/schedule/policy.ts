import { z } from 'zod';
import type { WorkCalendar } from './calendar.js';
import {
  addDays,
  chineseWeekday,
  formatChineseDate,
  isIsoDate,
  shanghaiInstant,
  type IsoDate,
} from '../report/dates.js';
import { DEFAULT_OVERRIDES_FILE } from './holiday-overrides.js';
import { reminderTexts } from './texts.js';

export type ReminderKind = 'before' | 'due' | 'overdue';

export interface PlannedReminder {
  /** The instant to send: `date` at the policy's time, Asia/Shanghai. */
  readonly at: Date;
  readonly date: IsoDate;
  readonly kind: ReminderKind;
  /** Working days after `date` up to the due day; 0 on it; negative when overdue. */
  readonly daysLeft: number;
}

/** The reminders of one report, in time order, and what a reader should know about them. */
export interface ReminderPlan extends Array<PlannedReminder> {
  /** Chinese notes for the people reading the plan (estimated calendar, moved due day …). */
  readonly notes: readonly string[];
  /** The day the `due` reminder goes out: the deadline, or the last working day before it. */
  readonly dueDate: IsoDate;
}

export interface ReminderPolicy {
  /** Remind this many working days before the due day. */
  readonly beforeDays: readonly number[];
  /** Remind on the due day itself. */
  readonly onDueDay: boolean;
  /** While overdue, remind every this many working days; 0 for never. */
  readonly overdueEvery: number;
  /** Stop reminding this many working days after the deadline. */
  readonly overdueHorizon: number;
  /** `HH:MM`, Asia/Shanghai. */
  readonly time: string;
}

export const DEFAULT_POLICY: ReminderPolicy = Object.freeze({
  beforeDays: Object.freeze([7, 3, 1]),
  onDueDay: true,
  overdueEvery: 1,
  overdueHorizon: 30,
  time: '09:30',
});

const policySchema = z.strictObject({
  beforeDays: z.array(z.number().int().min(1).max(60)).max(10).optional(),
  onDueDay: z.boolean().optional(),
  overdueEvery: z.number().int().min(0).max(30).optional(),
  overdueHorizon: z.number().int().min(0).max(250).optional(),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'time must be HH:MM')
    .optional(),
});

/** A report's policy: its own settings over the defaults. Throws on invalid settings. */
export function resolvePolicy(overrides: Partial<ReminderPolicy> = {}): ReminderPolicy {
  const given = policySchema.parse(overrides);
  const merged = { ...DEFAULT_POLICY, ...stripUndefined(given) };
  return { ...merged, beforeDays: [...new Set(merged.beforeDays)].sort((a, b) => b - a) };
}

export interface PlanInput {
  /** The report's deadline. */
  readonly deadline: IsoDate;
  /** List reminders on or after this date (usually today). */
  readonly from: IsoDate;
  readonly calendar: WorkCalendar;
  readonly policy?: Partial<ReminderPolicy>;
}

/** Scanning further than this for a working day means the calendar is broken, not sparse. */
const MAX_SCAN_DAYS = 400;

/**
 * Plans a report's reminders on working days: `beforeDays` working days before the due day, on the
 * due day, and every `overdueEvery` working days after the deadline until `overdueHorizon`.
 *
 * A deadline that is not a working day (a weekend, 春节) cannot be reminded on, so the `due`
 * reminder moves to the last working day before it, and `before` reminders count back from there:
 * people get their final call while still at work. Overdue reminders start on the first working
 * day after the deadline itself.
 *
 * Whether anyone still owes a section is not known here; the runner checks at send time.
 */
export function planReminders(input: PlanInput): ReminderPlan {
  const { deadline, from, calendar } = input;
  if (!isIsoDate(deadline)) throw new RangeError(`deadline is not a date YYYY-MM-DD: ${deadline}`);
  if (!isIsoDate(from)) throw new RangeError(`from is not a date YYYY-MM-DD: ${from}`);
  const policy = resolvePolicy(input.policy);
  const dueDate = dueDateOf(deadline, calendar);

  const all: Omit<PlannedReminder, 'at'>[] = [];
  const before = workingDaysAround(dueDate, -1, Math.max(0, ...policy.beforeDays), calendar);
  for (const n of policy.beforeDays) {
    const date = before[n - 1];
    if (date) all.push({ date, kind: 'before', daysLeft: n });
  }
  if (policy.onDueDay) all.push({ date: dueDate, kind: 'due', daysLeft: 0 });
  if (policy.overdueEvery > 0) {
    const after = workingDaysAround(deadline, 1, policy.overdueHorizon, calendar);
    for (let k = policy.overdueEvery; k <= after.length; k += policy.overdueEvery) {
      all.push({ date: after[k - 1]!, kind: 'overdue', daysLeft: -k });
    }
  }
  const reminders = all
    .filter((r) => r.date >= from)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0))
    .map((r) => ({ ...r, at: shanghaiInstant(r.date, policy.time) }));

  const notes = planNotes({ deadline, from, dueDate, reminders, calendar, policy });
  return Object.assign(reminders, { notes, dueDate });
}

/**
 * Where a working day stands against a deadline, as a reminder sent that day would say it; for a
 * reminder sent late (after downtime) or on demand. `undefined` on a day that is not a working day.
 */
export function standing(
  date: IsoDate,
  deadline: IsoDate,
  calendar: WorkCalendar,
): { kind: ReminderKind; daysLeft: number } | undefined {
  if (!calendar.isWorkingDay(date)) return undefined;
  const dueDate = dueDateOf(deadline, calendar);
  if (date === dueDate) return { kind: 'due', daysLeft: 0 };
  if (date < dueDate)
    return { kind: 'before', daysLeft: countWorkingDays(date, dueDate, calendar) };
  return { kind: 'overdue', daysLeft: -countWorkingDays(deadline, date, calendar) };
}

/** The deadline if it is a working day, else the last working day before it. */
export function dueDateOf(deadline: IsoDate, calendar: WorkCalendar): IsoDate {
  if (calendar.isWorkingDay(deadline)) return deadline;
  const [previous] = workingDaysAround(deadline, -1, 1, calendar);
  if (!previous) throw new RangeError(`no working day within ${MAX_SCAN_DAYS} days of ${deadline}`);
  return previous;
}

/** Up to `count` working days strictly before (`step` −1) or after (+1) `date`, nearest first. */
function workingDaysAround(
  date: IsoDate,
  step: 1 | -1,
  count: number,
  calendar: WorkCalendar,
): IsoDate[] {
  const days: IsoDate[] = [];
  for (let i = 1; days.length < count && i <= MAX_SCAN_DAYS; i++) {
    const d = addDays(date, step * i);
    if (calendar.isWorkingDay(d)) days.push(d);
  }
  return days;
}

/** Working days `d` with `from < d <= to`. */
function countWorkingDays(from: IsoDate, to: IsoDate, calendar: WorkCalendar): number {
  let n = 0;
  for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (calendar.isWorkingDay(d)) n++;
  return n;
}

function planNotes(p: {
  deadline: IsoDate;
  from: IsoDate;
  dueDate: IsoDate;
  reminders: readonly PlannedReminder[];
  calendar: WorkCalendar;
  policy: ReminderPolicy;
}): string[] {
  const notes: string[] = [];
  const first = p.reminders[0]?.date ?? p.from;
  const last = p.reminders.at(-1)?.date ?? p.deadline;
  const start = first < p.dueDate ? first : p.dueDate;
  const end = last > p.deadline ? last : p.deadline;
  for (const year of p.calendar.estimatedYears(start, end)) {
    notes.push(reminderTexts.noteEstimatedYear(year, DEFAULT_OVERRIDES_FILE));
  }
  if (p.dueDate !== p.deadline) {
    const name = p.calendar.describe(p.deadline).name;
    notes.push(
      reminderTexts.noteDueMoved(
        formatChineseDate(p.deadline),
        name ?? chineseWeekday(p.deadline),
        formatChineseDate(p.dueDate),
        chineseWeekday(p.dueDate),
      ),
    );
  }
  if (p.reminders.some((r) => r.kind === 'overdue')) {
    const every =
      p.policy.overdueEvery === 1
        ? reminderTexts.everyWorkingDay
        : reminderTexts.everyNWorkingDays(p.policy.overdueEvery);
    notes.push(reminderTexts.noteOverdue(every, p.policy.overdueHorizon));
  }
  if (p.reminders.length === 0) {
    notes.push(reminderTexts.noteNoReminders);
  }
  return notes;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
