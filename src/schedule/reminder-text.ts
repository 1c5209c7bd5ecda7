import { chineseWeekday, formatChineseDate, type IsoDate } from '../report/dates.js';
import type { ReminderKind } from './policy.js';
import type { ReminderMessage, ReminderSection, ReminderSubject } from './ports.js';
import { reminderTexts } from './texts.js';

/** Where the report stands on the day a reminder goes out. */
export interface Standing {
  readonly kind: ReminderKind;
  /** Working days left after that day; negative when overdue. */
  readonly daysLeft: number;
}

/** WeCom refuses webhook text over 2 048 bytes; keep a margin for the mention suffix it adds. */
const MAX_TEXT_BYTES = 2_000;

export function owedSections(subject: ReminderSubject): ReminderSection[] {
  return subject.sections.filter((s) => !s.done);
}

/**
 * The group reminder: where the deadline stands and who still owes what, mentioning each of
 * them (and the admin for sections nobody has taken). `undefined` when nothing is owed.
 *
 * `standing` is for the day it is sent; `undefined` on a day off (an on-demand push), when the
 * text gives the deadline date only.
 */
export function composeReminder(
  subject: ReminderSubject,
  standing: Standing | undefined,
  sendDate: IsoDate,
): ReminderMessage | undefined {
  const owed = owedSections(subject);
  if (owed.length === 0) return undefined;
  const head = headline(subject, standing, sendDate);
  const urge = standing?.kind === 'overdue' ? reminderTexts.urgeOverdue : reminderTexts.urgeBefore;
  const items = owed.map((s) =>
    reminderTexts.owedSection(
      s.label,
      s.assignee ? (s.assignee.name ?? s.assignee.userid) : reminderTexts.unclaimed,
    ),
  );
  const text = fitList(items, (list) => reminderTexts.reminder(head, list, urge));
  const mentioned = [
    ...new Set([
      ...owed.flatMap((s) => (s.assignee ? [s.assignee.userid] : [])),
      ...(owed.some((s) => !s.assignee) && subject.adminUserid ? [subject.adminUserid] : []),
    ]),
  ];
  return { text, mentionedUserids: mentioned };
}

/** A one-line progress note for leaders: counts and the sections still open. */
export function composeLeaderDigest(
  subject: ReminderSubject,
  standing: Standing | undefined,
): string {
  const owed = owedSections(subject);
  const total = subject.sections.length;
  const deadline = formatChineseDate(subject.deadline);
  const where =
    standing === undefined
      ? reminderTexts.digestDeadline(deadline)
      : standing.kind === 'overdue'
        ? reminderTexts.standingOverdue(-standing.daysLeft)
        : standing.kind === 'due'
          ? reminderTexts.digestDueToday(deadline)
          : reminderTexts.digestBefore(deadline, standing.daysLeft);
  return fitList(
    owed.map((s) => s.label),
    (list) =>
      reminderTexts.digest(subject.title, where, total, total - owed.length, owed.length, list),
  );
}

/**
 * Whether leaders get the digest with this reminder: on the due day, on the first overdue day,
 * then every fifth overdue working day. Leaders want to know it is slipping, not the daily nag.
 */
export function digestDue(standing: Standing): boolean {
  if (standing.kind === 'due') return true;
  return standing.kind === 'overdue' && (-standing.daysLeft - 1) % 5 === 0;
}

function headline(
  subject: ReminderSubject,
  standing: Standing | undefined,
  sendDate: IsoDate,
): string {
  const title = subject.title;
  const deadline = formatChineseDate(subject.deadline);
  if (!standing) return reminderTexts.headlineDeadline(title, deadline);
  switch (standing.kind) {
    case 'before':
      return reminderTexts.headlineBefore(title, standing.daysLeft, deadline);
    case 'due':
      return subject.deadline === sendDate
        ? reminderTexts.headlineDueToday(title, deadline)
        : reminderTexts.headlineDueAhead(title, deadline, chineseWeekday(subject.deadline));
    case 'overdue':
      return reminderTexts.headlineOverdue(title, deadline, -standing.daysLeft);
  }
}

/**
 * `sentence` around the items joined by `、`, cutting the list short (`等，另有N项`) to stay
 * within the limit, down to the count alone.
 */
function fitList(items: readonly string[], sentence: (list: string) => string): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (let shown = items.length; shown > 0; shown--) {
    const rest = items.length - shown;
    const list = items.slice(0, shown).join('、');
    const text = sentence(rest > 0 ? reminderTexts.listCut(list, rest) : list);
    if (bytes(text) <= MAX_TEXT_BYTES) return text;
  }
  return sentence(reminderTexts.listCountOnly(items.length));
}
