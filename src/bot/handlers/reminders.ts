import { formatUpcoming } from '../../schedule/plan-format.js';
import type { ReminderHooks } from '../../schedule/ports.js';
import { commonTexts } from '../texts/common.js';
import { remindersTexts } from '../texts/reminders.js';

const UPCOMING_SHOWN = 6;

/** `提醒计划`: the next reminders of the report, with the calendar's caveats. */
export function reminderPlanHandler(
  reminders: Pick<ReminderHooks, 'upcoming'>,
): (req: { reportId: string; at: Date }) => Promise<string[]> {
  return async (req) => {
    const up = await reminders.upcoming(req.reportId, req.at, UPCOMING_SHOWN);
    if (!up) return [commonTexts.reportNotFound];
    return [formatUpcoming(up)];
  };
}

/** `立即提醒`: push a reminder to the group now, naming everyone who still owes a section. */
export function remindNowHandler(
  reminders: Pick<ReminderHooks, 'remindNow'>,
): (req: { reportId: string }) => Promise<string[]> {
  return async (req) => {
    const result = await reminders.remindNow(req.reportId);
    switch (result.status) {
      case 'sent':
        return [remindersTexts.sent(result.mentioned.length)];
      case 'nothing_owed':
        return [remindersTexts.nothingOwed];
      case 'no_report':
        return [commonTexts.reportNotFound];
      case 'duplicate':
        return [remindersTexts.duplicate];
      case 'failed':
        return [remindersTexts.failed];
    }
  };
}
