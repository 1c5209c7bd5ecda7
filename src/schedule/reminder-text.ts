import { chineseWeekday, formatChineseDate, type IsoDate } from '../report/dates.js';
import type { ReminderKind } from './policy.js';
import type { ReminderMessage, ReminderSection, ReminderSubject } from './ports.js';

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
  const tail = standing?.kind === 'overdue' ? '请尽快完成填报。' : '请抓紧完成填报。';
  const items = owed.map(
    (s) => `${s.label}（${s.assignee ? (s.assignee.name ?? s.assignee.userid) : '未认领'}）`,
  );
  const text = fitList(`${head}尚未完成：`, items, `。${tail}`);
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
  const where =
    standing === undefined
      ? `截止${formatChineseDate(subject.deadline)}`
      : standing.kind === 'overdue'
        ? `已逾期${-standing.daysLeft}个工作日`
        : standing.kind === 'due'
          ? `截止${formatChineseDate(subject.deadline)}，今天是最后一个工作日`
          : `截止${formatChineseDate(subject.deadline)}，还有${standing.daysLeft}个工作日`;
  return fitList(
    `【进度】《${subject.title}》${where}：共${total}项，已完成${total - owed.length}项，未完成${owed.length}项：`,
    owed.map((s) => s.label),
    '。',
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
  const title = `《${subject.title}》`;
  const deadline = formatChineseDate(subject.deadline);
  if (!standing) return `【提醒】${title}截止日期为${deadline}。`;
  switch (standing.kind) {
    case 'before':
      return `【提醒】距离${title}截止还有${standing.daysLeft}个工作日（${deadline}）。`;
    case 'due':
      return subject.deadline === sendDate
        ? `【提醒】${title}今天（${deadline}）截止。`
        : `【提醒】${title}将于${deadline}（${chineseWeekday(subject.deadline)}）截止，今天是截止前最后一个工作日。`;
    case 'overdue':
      return `【提醒】${title}已超过截止日期（${deadline}）${-standing.daysLeft}个工作日。`;
  }
}

/** `head` + items joined by `、` + `tail`, dropping items into `等N项` to stay within the limit. */
function fitList(head: string, items: readonly string[], tail: string): string {
  const bytes = (s: string) => Buffer.byteLength(s, 'utf8');
  for (let shown = items.length; shown > 0; shown--) {
    const rest = items.length - shown;
    const text = `${head}${items.slice(0, shown).join('、')}${rest > 0 ? `等，另有${rest}项` : ''}${tail}`;
    if (bytes(text) <= MAX_TEXT_BYTES) return text;
  }
  return `${head}共${items.length}项${tail}`;
}
