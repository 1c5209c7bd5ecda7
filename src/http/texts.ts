/**
 * What the pages behind the chat's links say: the dashboard pages (dash-page.ts), and why a
 * dashboard or draft link no longer works (dash-route.ts, drafts-route.ts). Parameters that
 * come from the data arrive HTML-escaped.
 */
export const httpTexts = {
  /** Under every dashboard page. */
  footer: (until: string) =>
    `本页链接 ${until} 前有效，请勿转发到群外。数据随填报实时更新，刷新即可看到最新进度。`,
  asOf: (day: string) => `截至 ${day}`,
  /** The deadline's stat and column. */
  deadline: '截止',

  countyTitle: (county: string) => `${county}·全县进度`,
  /** The county's deadline stat when no township has a report yet. */
  noReportYet: '尚无报告',
  statOrgsFinished: '已完成单位',
  statReports: '已建报告',
  statOrgsLate: '逾期单位',
  owingSections: (who: string, sections: number) => `${who} ${sections} 项`,
  daysLeft: (days: number) => `剩 ${days} 天`,
  daysLate: (days: number) => `逾期 ${days} 天`,
  /** The township has no report this year. */
  noReport: '未建报告',
  download: '下载',
  /** A total that includes a hedged figure (`10余次`). */
  totalHedged: (value: number, unit: string) => `${value}余${unit}`,
  rateOfTotals: (name: string) => `${name}（按合计计算）`,
  chartRanking: '各单位完成度与主要指标',
  chartCountyTimeline: '全县完成进度',
  orgsHeading: '各单位情况',
  colOrg: '单位',
  colPercent: '完成度',
  colOwing: '待完成（谁 几项）',
  colLatestDraft: '最新草稿',
  totalsHeading: '主要数据合计',
  colMetric: '指标',
  colTotal: '合计',
  colOrgsReporting: '填报单位数',
  noTotals: '各单位还没有填写可汇总的数据。',

  statDone: '已完成',
  statInProgress: '填写中',
  statTodo: '未开始',
  chartSections: '各部分进度',
  chartTimeline: '完成进度',
  owingHeading: '谁还欠哪些',
  allDone: '各部分均已完成。',
  sectionsHeading: '各部分',
  colSection: '部分',
  colStatus: '状态',
  colWho: '负责人',
  colAnswered: '已答',
  figuresHeading: '已收集的主要数据',
  noFigures: '还没有填写数字。',
  draftHeading: '草稿',
  downloadLatestDraft: '下载最新草稿（.docx）',
  noDraft: '还没有生成草稿。在群里 @助手 发送“生成草稿”即可。',

  /** The title and heading of the page shown for a refused link. */
  linkUnusable: '链接不可用',
  dashLinkExpired: '这个进度页面链接已过期。请在群里 @助手 发送“全县进度”或“进度”获取新的链接。',
  dashLinkInvalid: '链接无效。请在群里 @助手 发送“全县进度”或“进度”重新获取。',
  draftLinkExpired: '下载链接已过期，请在群里 @助手 发送“生成草稿”获取新的链接。',
  draftLinkInvalid: '链接无效或草稿不存在，请在群里 @助手 发送“生成草稿”重新获取。',
} as const;
