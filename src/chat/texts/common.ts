/**
 * Words several chat features share: the role names, the refusal of a command someone's role does
 * not allow (and whom to ask instead), and example commands quoted in more than one reply.
 */
export const commonTexts = {
  roleAdmin: '管理员',
  roleLeader: '领导',
  roleOfficial: '成员',
  /** Between role names when either may: 管理员或领导. */
  roleOr: '或',

  refused: (roles: string, what: string) => `抱歉，只有${roles}可以${what}。`,
  /** `who`: the names of those who hold the roles, so the user knows whom to ask. */
  refusedAskWho: (roles: string, what: string, who: string) =>
    `抱歉，只有${roles}可以${what}，请联系 ${who}。`,

  // What a refusal says only some may do: 抱歉，只有管理员可以{…}.
  mayGrantRole: (role: string) => `设置${role}`,
  maySetWebhook: '设置推送',
  mayViewSummary: '查看汇总',
  mayViewCountySummary: '查看全县汇总',
  mayViewCountyProgress: '查看全县进度',
  mayInvite: '生成邀请码',
  mayJoinCounty: '加入全县汇总',
  mayAssign: '分配部分',
  mayDraft: '生成草稿',
  mayViewDraftHistory: '查看草稿历史',
  mayCheck: '检查报告',
  mayPauseReminders: '暂停提醒',
  mayResumeReminders: '恢复提醒',
  mayRemindNow: '立即提醒',
  maySetDeadline: '设置截止日期',
  maySetOffice: '设置单位类型',
  maySetAddressee: '设置主送机关',
  maySetSigning: '设置落款',
  mayCreateReport: '新建报告',

  /** The one-line `新建` a group's admin can send as it is (help, 新建 usage, no report yet). */
  newReportExample: '新建 青石镇 2026年度法治政府建设情况报告 截止 2027-02-26',
  /** The `新建县级单位` a county office's admin can send as it is. */
  newCountyExample: '新建县级单位 青山县依法治县办',
} as const;
