import { formatUpcoming } from '../../schedule/plan-format.js';
import type { ReminderHooks } from '../../schedule/ports.js';

const UPCOMING_SHOWN = 6;

/** `提醒计划`: the next reminders of the report, with the calendar's caveats. */
export function reminderPlanHandler(
  reminders: Pick<ReminderHooks, 'upcoming'>,
): (req: { reportId: string; at: Date }) => Promise<string[]> {
  return async (req) => {
    const up = await reminders.upcoming(req.reportId, req.at, UPCOMING_SHOWN);
    if (!up) return ['没有找到这份报告，请发送 **进度** 看看本群的报告。'];
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
        return [`已在群里提醒 ${result.mentioned.length} 位同事。`];
      case 'nothing_owed':
        return ['各部分都已完成，无需提醒。'];
      case 'no_report':
        return ['没有找到这份报告。'];
      case 'duplicate':
        return ['这一分钟内已经提醒过了，请稍后再试。'];
      case 'failed':
        return [
          '提醒没有发出去：请确认本群已设置推送（管理员发送 **设置推送 <群机器人地址>**），稍后再试。',
        ];
    }
  };
}
