/** What the bot says when an org's group push webhook stopped working for good (notices.ts, main.ts). */
export const brokenWebhookTexts = {
  /** To each admin with their next answer: they alone can set a new webhook. */
  toAdmins: (orgName: string, errcode: number) =>
    `⚠️ ${orgName}群的推送机器人已失效（企业微信错误码 ${errcode}），提醒和草稿文件暂时发不到群里。请在群里添加群机器人后发送 **设置推送 <新地址>**。`,
  /** In the group itself, when the long connection reaches it and takes over the pushes. */
  inGroup: (errcode: number) =>
    `⚠️ 本群设置的推送机器人已失效（企业微信错误码 ${errcode}）。机器人已改为直接在群里发送提醒和草稿文件，无需重新设置推送。`,
} as const;
