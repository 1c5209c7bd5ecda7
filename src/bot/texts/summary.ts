/** What the bot answers to `汇总`, `全县进度` and `全县汇总` around the rendered summary (handlers/summary.ts). */
export const summaryTexts = {
  noReport: '本单位还没有报告。管理员可发送 **新建** 创建。',
  noCounty: '没有找到本县级单位。',
  countyPage: '全县进度页面',
  orgPage: '本单位进度页面',
  /** Under the summary: the link to its dashboard page (`page` is `countyPage` or `orgPage`). */
  pageLink: (page: string, url: string) =>
    `📊 [打开${page}](${url})（图表、逐项明细和草稿下载，7天内有效）`,
} as const;
