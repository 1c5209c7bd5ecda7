import type { WorkCalendar } from './calendar.js';
import {
  addDays,
  shanghaiDate,
  shanghaiInstant,
  shanghaiTime,
  type IsoDate,
} from '../report/dates.js';
import type { PlannedReminder, ReminderKind } from './policy.js';

/** The hours a reminder may go out, Asia/Shanghai: from the policy's time until office close. */
export interface SendWindow {
  /** `HH:MM`, the policy's reminder time. */
  readonly from: string;
  /** `HH:MM`; nothing is sent at or after it (no catch-up at night). */
  readonly until: string;
}

/** When to wake up next, and the key of the job that does it. */
export interface Wake {
  readonly at: Date;
  readonly date: IsoDate;
  /** A planned reminder's kind, or `catchup` for a missed one held for the next window. */
  readonly kind: ReminderKind | 'catchup';
}

export interface Decision {
  /** Missed and superseded by a later reminder: recorded as skipped, never sent. */
  readonly stale: readonly PlannedReminder[];
  /** Send this one now. */
  readonly send?: PlannedReminder;
  readonly wake?: Wake;
}

export function recordKey(r: { date: string; kind: string }): string {
  return `${r.date}|${r.kind}`;
}

/**
 * What to do at a wake-up (a scheduled time, a restart, a refresh). Every reminder whose time has
 * passed and that has no record is "due". Only the latest due one is sent, worded for today; the
 * older ones are stale. So a normal wake-up sends its own reminder, and a restart after downtime
 * sends one message, not a burst. The latest is held back to the next send window when it is
 * outside one (night, a day off), and dropped as stale if a planned reminder comes first then.
 */
export function decide(input: {
  readonly plan: readonly PlannedReminder[];
  /** {@link recordKey}s of reminders already sent, claimed or skipped. */
  readonly recorded: ReadonlySet<string>;
  readonly now: Date;
  readonly calendar: WorkCalendar;
  readonly window: SendWindow;
}): Decision {
  const { plan, recorded, now, calendar, window } = input;
  const due = plan.filter((r) => r.at <= now && !recorded.has(recordKey(r)));
  const next = plan.find((r) => r.at > now);
  const wakeForNext: Wake | undefined = next && { at: next.at, date: next.date, kind: next.kind };
  const latest = due.at(-1);
  if (!latest) return { stale: [], ...(wakeForNext ? { wake: wakeForNext } : {}) };
  const older = due.slice(0, -1);
  if (inWindow(now, calendar, window)) {
    return { stale: older, send: latest, ...(wakeForNext ? { wake: wakeForNext } : {}) };
  }
  const opens = nextWindowOpening(now, calendar, window);
  if (next && next.at <= opens) return { stale: due, wake: wakeForNext! };
  return { stale: older, wake: { at: opens, date: shanghaiDate(opens), kind: 'catchup' } };
}

function inWindow(now: Date, calendar: WorkCalendar, window: SendWindow): boolean {
  const time = shanghaiTime(now);
  return calendar.isWorkingDay(shanghaiDate(now)) && time >= window.from && time < window.until;
}

/** The next time a window opens after `now`: today's, if still ahead, or a later working day's. */
function nextWindowOpening(now: Date, calendar: WorkCalendar, window: SendWindow): Date {
  let date = shanghaiDate(now);
  if (!(calendar.isWorkingDay(date) && shanghaiTime(now) < window.from)) {
    // A year holds far fewer than 400 consecutive days off; the bound only guards a broken calendar.
    for (let i = 0; i < 400; i++) {
      date = addDays(date, 1);
      if (calendar.isWorkingDay(date)) break;
    }
  }
  return shanghaiInstant(date, window.from);
}
