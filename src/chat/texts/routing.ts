/**
 * What the engine and the router (chat/engine.ts, chat/routes.ts) answer when a message cannot go
 * where it points: no org or report here yet, which org a single chat means, nothing open to
 * choose, confirm, cancel or continue, and an open section paused by another command.
 */
export const routingTexts = {
  notInAnyOrg: '你还没有加入任何单位的报告。请在单位工作群里 @我 发送 帮助。',
  /** `切换` from someone with no org at all. */
  noOrgToSwitch: '你还没有加入任何单位。',
  onlyOneOrg: '你只在一个单位，无需切换。',
  onlyThisOrg: (org: string) => `你只在 ${org} 一个单位，无需切换。`,
  switchedTo: (org: string) => `👌 已切换到 ${org}。`,
  /** `list`: the orgs, one numbered line each. */
  pickOrg: (list: string) => `你在多个单位，这次是哪个？回复数字：\n${list}`,
  /** As `pickOrg`, for a webhook address, which is a secret and is not kept to replay. */
  pickOrgThenResendWebhook: (list: string) =>
    `你在多个单位，这次是哪个？回复数字：\n${list}\n选好后请重新发送 设置推送。`,

  groupHasNoReport: (example: string) => `本群还没有报告。管理员可发送：\n\`${example}\``,
  groupHasNoCounty: (example: string) =>
    `本群还没有绑定县级单位。依法治县办的管理员可发送：\n\`${example}\``,
  noOpenReport: (org: string) =>
    `${org}还没有进行中的报告。管理员可发送：新建 2026年度法治政府建设情况报告 截止 2027-02-26`,
  /** Stands for the org's name in `noOpenReport` when the turn has none. */
  thisOrg: '本单位',

  nothingToChoose: '现在没有需要选择的内容。发送 帮助 查看可用指令。',
  nothingToConfirm: '现在没有需要确认的内容。',
  nothingToCancel: '现在没有进行中的填写，无需取消。',
  noQuestionOpen: '现在没有正在回答的题目。发送 **填写 一(三)** 开始。',
  nothingToContinue: '没有进行中的填写。发送 **填写 一(三)**（或关键词）开始。',
  /** `继续` where the user's open section belongs to another org. */
  continueInItsOrg: '你正在填写的是另一个单位的报告，请到那个单位的群里（或单聊我）发送 继续。',

  newReportCancelled: '已取消新建。',
  cancelled: '好的，已取消。',
  /** `取消` inside a section: nothing typed so far is lost. */
  fillLeft: '已退出填写。已保存的回答都在。',
  fillLeftResumeWith: (ref: string) =>
    `已退出填写。已保存的回答都在，之后发送 填写 ${ref} 接着填。`,
  /** Under another command's reply: the section the user was filling waits for `继续`. */
  fillPaused: (ref: string, n: number) => `（${ref} 第${n}题已暂停，发送 **继续** 接着填）`,
  /** Under another command's reply that opened a different section. */
  fillSwitchedAway: (ref: string) => `（${ref} 已答的都已保存，之后发送 填写 ${ref} 接着填）`,
} as const;
