import { formatUpcoming } from '../../schedule/plan-format.js';
import type { ReminderHooks } from '../../schedule/ports.js';
import type { RequestContext } from '../requests.js';
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

/**
 * `立即提醒`: push a reminder to the group now, naming everyone who still owes a section. The
 * turn's msgid keeps a re-run of the turn (after a crash) from pushing it a second time.
 */
export function remindNowHandler(
  reminders: Pick<ReminderHooks, 'remindNow'>,
): (req: { reportId: string; at: Date }, ctx?: RequestContext) => Promise<string[]> {
  return async (req, ctx) => {
    const turn = ctx?.turnKey ? { key: ctx.turnKey, at: req.at } : undefined;
    const result = await reminders.remindNow(req.reportId, turn);
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
