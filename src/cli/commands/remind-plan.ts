import { parseArgs } from 'node:util';
import { WorkCalendar } from '../../schedule/calendar.js';
import { isIsoDate, shanghaiDate } from '../../report/dates.js';
import { HolidayOverridesError, DEFAULT_OVERRIDES_FILE } from '../../schedule/holiday-overrides.js';
import { loadHolidayOverrides } from '../../schedule/holiday-overrides-file.js';
import { formatPlanText, planToJson } from '../../schedule/plan-format.js';
import { planReminders } from '../../schedule/policy.js';
import type { Command } from '../command.js';

const USAGE = [
  '用法 / usage: report-bot remind-plan --deadline YYYY-MM-DD [--from YYYY-MM-DD] [--json]',
  '                                     [--holidays config/holidays.yaml]',
  '  --deadline  截止日期（上海时间） / the report deadline (Asia/Shanghai)',
  '  --from      从哪天起列出，默认今天 / list reminders from this date, default today',
  '  --json      输出 JSON 数组 / print a JSON array of {at, kind, daysLeft}',
  '  --holidays  管理员节假日调整文件 / admin holiday overrides file',
].join('\n');

export interface RemindPlanArgs {
  readonly deadline: string;
  readonly from: string;
  readonly json: boolean;
  readonly holidays: string;
}

/** Parses the arguments, or returns the bilingual complaint for exit code 2. */
export function parseRemindPlanArgs(
  args: string[],
  today: string,
): { ok: true; args: RemindPlanArgs } | { ok: false; message: string; help?: true } {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: {
        deadline: { type: 'string' },
        from: { type: 'string' },
        json: { type: 'boolean', default: false },
        holidays: { type: 'string', default: DEFAULT_OVERRIDES_FILE },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (err) {
    const en = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `参数错误 / bad arguments: ${en}` };
  }
  if (values.help) return { ok: false, message: USAGE, help: true };
  if (!values.deadline) {
    return { ok: false, message: '缺少 --deadline / --deadline is required' };
  }
  for (const [name, value] of [
    ['deadline', values.deadline],
    ['from', values.from],
  ] as const) {
    if (value !== undefined && !isIsoDate(value)) {
      return {
        ok: false,
        message: `--${name} 应为有效日期 YYYY-MM-DD，收到 “${value}” / --${name} must be a valid date YYYY-MM-DD, got "${value}"`,
      };
    }
  }
  return {
    ok: true,
    args: {
      deadline: values.deadline,
      from: values.from ?? today,
      json: values.json,
      holidays: values.holidays,
    },
  };
}

export const command: Command = {
  summary: '列出报告的提醒计划 / list the reminder plan for a deadline',
  run: async (argv) => {
    const parsed = parseRemindPlanArgs(argv, shanghaiDate(new Date()));
    if (!parsed.ok) {
      if (parsed.help) {
        console.log(parsed.message);
        return 0;
      }
      console.error(`${parsed.message}\n\n${USAGE}`);
      return 2;
    }
    const { deadline, from, json, holidays } = parsed.args;
    let calendar: WorkCalendar;
    try {
      calendar = new WorkCalendar(await loadHolidayOverrides(holidays));
    } catch (err) {
      if (err instanceof HolidayOverridesError) {
        console.error(err.describe());
        return 2;
      }
      throw err;
    }
    const plan = planReminders({ deadline, from, calendar });
    if (json) {
      console.log(JSON.stringify(planToJson(plan), null, 2));
      // Keep stdout a bare array for scripts; the caveats still reach a person.
      for (const note of plan.notes) console.error(`说明 / note: ${note}`);
    } else {
      console.log(formatPlanText(plan, deadline, calendar));
    }
    return 0;
  },
};
