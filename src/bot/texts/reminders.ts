/** What the bot answers to `提醒计划` and `立即提醒` (handlers/reminders.ts). */
export const remindersTexts = {
  sent: (people: number) => `已在群里提醒 ${people} 位同事。`,
  nothingOwed: '各部分都已完成，无需提醒。',
  /** A reminder for this report went out within the same minute. */
  duplicate: '这一分钟内已经提醒过了，请稍后再试。',
  failed:
    '提醒没有发出去：请确认本群已设置推送（管理员发送 **设置推送 <群机器人地址>**），稍后再试。',
} as const;
