/**
 * The words of `汇总` (one report, for leaders and admins) and of `全县进度` / `全县汇总` (the
 * county's roll-up) (report/summary.ts).
 */
export const summaryTexts = {
  heading: (title: string) => `**${title}·汇总**`,
  completion: (bar: string, inProgress: number, todo: number) =>
    `完成 ${bar}（进行中 ${inProgress}，未开始 ${todo}）`,
  owedQuestions: (owed: number) => `待填写 ${owed} 题`,
  owedQuestionsWithSkipped: (owed: number, skipped: number) =>
    `待填写 ${owed} 题（其中跳过 ${skipped} 题，仍算待填）`,
  allDone: '各部分均已完成，可以发送“生成草稿”。',
  notDoneHeading: '**尚未完成**',
  /** In place of a name for sections nobody holds (汇总, the charts, the dashboard). */
  unclaimed: '未认领',
  /** `sections` lists each unfinished section with what it owes, joined by `；`. */
  owing: (who: string, sections: string) => `- ${who}：${sections}`,
  owingLate: (who: string, daysLate: number, sections: string) =>
    `- ${who}（已逾期 ${daysLate} 天）：${sections}`,
  sectionOwes: (section: string, owed: number) => `${section}（欠${owed}题）`,
  sectionOwesWithSkipped: (section: string, owed: number, skipped: number) =>
    `${section}（欠${owed}题，其中跳过${skipped}题）`,
  figuresHeading: '**已收集的主要数据**',
  moreFigures: (more: number) => `- ……另有 ${more} 项`,

  countyProgressHeading: (county: string, orgs: number) =>
    `**${county}·全县进度**（${orgs} 个单位）`,
  countyProgressNobodyYet: (county: string) =>
    `**${county}·全县进度**\n还没有单位加入。县级管理员可发送“邀请码”生成邀请码，乡镇（街道）或部门的管理员在本单位群里发送“加入 邀请码”即可。`,
  orgWithoutReport: (org: string) => `- ${org}：尚未新建报告`,
  orgDaysLeft: (org: string, bar: string, days: number) => `- ${org}：${bar}，剩 ${days} 天`,
  orgDaysLeftOwing: (org: string, bar: string, days: number, owed: number) =>
    `- ${org}：${bar}，剩 ${days} 天，待填 ${owed} 题`,
  orgOverdue: (org: string, bar: string, days: number) => `- ${org}：${bar}，**逾期 ${days} 天**`,
  orgOverdueOwing: (org: string, bar: string, days: number, owed: number) =>
    `- ${org}：${bar}，**逾期 ${days} 天**，待填 ${owed} 题`,

  countySummaryHeading: (county: string, withReport: number, orgs: number) =>
    `**${county}·全县汇总**（${withReport}/${orgs} 个单位已建报告）`,
  noFiguresYet: '各单位还没有填写可汇总的数据。',
  totalsTableHeader: '| 指标 | 合计 | 填报单位数 |',
  /** A sum of figures some of which were hedged (70余场次): at least this much. */
  totalHedged: (value: number, unit: string) => `${value}余${unit}`,
  total: (value: number, unit: string) => `${value}${unit}`,
  overdueOrgs: (orgs: string) => `逾期单位：${orgs}`,
} as const;
