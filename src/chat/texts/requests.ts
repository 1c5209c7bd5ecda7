/**
 * What the bot says at once when a request goes to the adapter (chat/request-commands.ts): a
 * draft, its history, a check, a summary, the reminder plan or a reminder now. The result
 * follows from the handler in bot/.
 */
export const requestsTexts = {
  draftStarted: '📝 正在生成草稿，稍等片刻发给你。',
  draftStartedUnfinished: (done: number, total: number) =>
    `📝 正在生成草稿，稍等片刻发给你。目前完成 ${done}/${total} 部分，未完成的会标注“待填写”。`,
  draftHistoryStarted: '🗂 正在列出历次草稿，稍后发给你。',
  checkStarted: '🔍 正在检查（五个部分是否齐全、序号、数字前后是否一致、有无占位符），稍后发给你。',

  summaryStarted: '📋 正在生成汇总，稍后发给你。',
  countyProgressStarted: '📋 正在汇总全县各单位进度，稍后发给你。',
  countyFiguresStarted: '📋 正在汇总全县各单位数据，稍后发给你。',
  /** `全县进度` in the group of a township or department rather than the county's. */
  countyProgressInCountyGroupOnly:
    '全县进度需要在县级单位（依法治县办）的群里查看。本单位情况可发送 汇总；要加入全县汇总，请向县里要邀请码，再发送 加入 <邀请码>。',
  countyFiguresInCountyGroupOnly:
    '全县汇总需要在县级单位（依法治县办）的群里查看。本单位情况可发送 汇总；要加入全县汇总，请向县里要邀请码，再发送 加入 <邀请码>。',

  reminderPlanStarted: '⏰ 正在排提醒计划（只在工作日提醒），稍后发给你。',
  reminderPlanStartedNoWebhook:
    '⏰ 正在排提醒计划（只在工作日提醒），稍后发给你。\n本群还没设置推送，管理员可发送 设置推送 <群机器人地址>。',
  remindNowNoWebhook:
    '本群还没设置推送，提醒发不出去。请先发送 设置推送 <群机器人地址>，再发送 立即提醒。',
  remindNowStarted: '⏰ 正在群里提醒还没完成的同事。',
} as const;
