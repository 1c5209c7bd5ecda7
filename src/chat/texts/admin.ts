/**
 * What the bot answers an admin who gives roles, sets the push webhook or the deadline, or pauses
 * and resumes the reminders (chat/admin-commands.ts).
 */
export const adminTexts = {
  /** The example in the reply when `设置领导` / `设置管理员` names nobody we can find. */
  grantRoleExample: (role: string) => `设置${role} zhangsan`,
  alreadyHasRole: (name: string, role: string) => `${name} 已经是${role}了。`,
  /** What follows adding a new member, in the question that asks to confirm it. */
  grantRoleAfterAdding: (role: string) => `设为${role}`,
  grantedAdmin: (name: string, role: string) =>
    `👌 已设置 ${name} 为${role}，可以分配部分、设置截止日期和推送。`,
  grantedLeader: (name: string, role: string) =>
    `👌 已设置 ${name} 为${role}，可以发送 汇总、生成草稿、检查。`,
  /** A 确认 to add a member for a section of a report that is no longer the open one. */
  reportReplaced: '这份报告已经换过了，请重新发送 分配。',

  webhookUsage:
    '请发送群机器人的 Webhook 地址，如：设置推送 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…（群设置 → 群机器人 → 复制地址）',
  /** An address on another host than WeCom's: nothing is set. */
  webhookElsewhere: (host: string) =>
    `这个地址指向 ${host}，不是企业微信群机器人的地址，没有设置。请在 群设置 → 群机器人 里复制地址（以 https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key= 开头）后重新发送。`,
  /** `key`: the masked key, its last 4 characters only. */
  webhookSet: (key: string) => `👌 已设置推送（key ${key}），截止提醒会发到这个群机器人。`,
  /** As `webhookSet`, in a group, where everyone saw the address with its key. */
  webhookSetInGroup: (key: string) =>
    `👌 已设置推送（key ${key}），截止提醒会发到这个群机器人。\n为安全起见，建议撤回刚才含地址的消息。`,

  deadlineUsage: '请写明日期，如：设置截止 2027-02-26',
  deadlinePassed: (date: string) => `${date} 已经过了，请给一个今天之后的日期。`,
  deadlineSet: (date: string, days: number) =>
    `👌 截止日期改为 ${date}（还有${days}天），提醒会随之调整。`,

  remindersPaused:
    '⏸ 已暂停截止提醒，群里不会再自动催办。需要时发送 恢复提醒；临时催一次可发送 立即提醒。',
  remindersResumed: (deadline: string) =>
    `▶️ 已恢复截止提醒，会在工作日按计划提醒（截止 ${deadline}）。发送 提醒计划 查看安排。`,
} as const;
