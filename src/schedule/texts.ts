/**
 * What the bot says about deadline reminders: the group reminder and the leaders' digest
 * (reminder-text.ts), the reminder plan shown by `提醒计划` and `remind-plan` (plan-format.ts),
 * and the plan's notes (policy.ts). Dates and weekdays come in already written in Chinese.
 */
export const reminderTexts = {
  /** On a day off (an on-demand push): the deadline date only. */
  headlineDeadline: (title: string, deadline: string) =>
    `【提醒】《${title}》截止日期为${deadline}。`,
  headlineBefore: (title: string, workingDays: number, deadline: string) =>
    `【提醒】距离《${title}》截止还有${workingDays}个工作日（${deadline}）。`,
  headlineDueToday: (title: string, deadline: string) =>
    `【提醒】《${title}》今天（${deadline}）截止。`,
  /** The deadline is a day off: today is the last working day before it. */
  headlineDueAhead: (title: string, deadline: string, weekday: string) =>
    `【提醒】《${title}》将于${deadline}（${weekday}）截止，今天是截止前最后一个工作日。`,
  headlineOverdue: (title: string, deadline: string, workingDays: number) =>
    `【提醒】《${title}》已超过截止日期（${deadline}）${workingDays}个工作日。`,
  /** The group reminder: the headline, who still owes what, and the urging. */
  reminder: (headline: string, owed: string, urge: string) =>
    `${headline}尚未完成：${owed}。${urge}`,
  urgeOverdue: '请尽快完成填报。',
  urgeBefore: '请抓紧完成填报。',
  /** One owed section and who holds it (or `unclaimed`). */
  owedSection: (label: string, who: string) => `${label}（${who}）`,
  unclaimed: '未认领',
  /** A list cut short to fit WeCom's size limit: the items shown, then how many more. */
  listCut: (shown: string, rest: number) => `${shown}等，另有${rest}项`,
  /** Not even one item fits: the count alone. */
  listCountOnly: (count: number) => `共${count}项`,

  /** The leaders' digest; `where` is one of the `digest…` standings. */
  digest: (title: string, where: string, total: number, done: number, owed: number, list: string) =>
    `【进度】《${title}》${where}：共${total}项，已完成${done}项，未完成${owed}项：${list}。`,
  digestDeadline: (deadline: string) => `截止${deadline}`,
  digestDueToday: (deadline: string) => `截止${deadline}，今天是最后一个工作日`,
  digestBefore: (deadline: string, workingDays: number) =>
    `截止${deadline}，还有${workingDays}个工作日`,

  /** A reminder's standing: before the deadline, on the due day, or late. */
  standingBefore: (workingDays: number) => `截止前${workingDays}个工作日`,
  standingDue: '今日截止',
  standingOverdue: (workingDays: number) => `已逾期${workingDays}个工作日`,
  /** The due reminder on the last working day before a deadline that is a day off. */
  standingDueAhead: '截止前最后一个工作日',

  planHead: (deadline: string, weekday: string, count: number) =>
    `提醒计划：截止 ${deadline}（${weekday}），共 ${count} 次`,
  /** A weekend day that is a working day (调休). */
  markSwappedWorkday: '调休上班',
  /** A day whose year's holidays are not published yet. */
  markEstimated: '按推算日历',
  planNotesHead: '说明：',
  upcomingHead: (deadline: string) => `提醒安排（截止 ${deadline}）：`,
  upcomingPaused: '提醒已暂停，恢复前不会发送。',
  upcomingNone: '之后没有安排提醒。',

  noteEstimatedYear: (year: number, overridesFile: string) =>
    `${year}年放假安排尚未公布，按周末和法定节日推算；管理员可在 ${overridesFile} 中增删日期。`,
  /** `dayName` is the holiday's name or the weekday. */
  noteDueMoved: (deadline: string, dayName: string, dueDate: string, dueWeekday: string) =>
    `截止日${deadline}（${dayName}）不是工作日，` +
    `“今日截止”提醒提前到此前最后一个工作日${dueDate}（${dueWeekday}）。`,
  noteOverdue: (every: string, horizon: number) =>
    `逾期后${every}提醒一次，最多到截止后第${horizon}个工作日。`,
  everyWorkingDay: '每个工作日',
  everyNWorkingDays: (n: number) => `每${n}个工作日`,
  noteNoReminders: '从所给日期起没有需要发送的提醒。',
} as const;
