/** What year-mismatch.ts says when a year disagrees with the reporting year. */
export const yearMismatchTexts = {
  name: '年份',
  description: '标题中的报告年度与各级标题、成效部分、落款中使用的年份是否一致',
  noYear:
    '未能从标题中读出报告年度，未检查年份是否一致；请在标题中写明年度（如“2025年法治政府建设情况报告”），或用 --year 2025 指定',
  titleYearDiffers: (inTitle: number, year: number) =>
    `标题中的年度（${inTitle}年）与本次报告年度（${year}年）不一致`,
  /** The opening sentence names another year: likely copied from an earlier report. */
  openingYear: (written: number, year: number) =>
    `开头写的是“${written}年”，与报告年度${year}年不一致，请检查是否沿用了往年材料`,
  plansHeadingYear: (part: string, next: number, written: number) =>
    `“${part}”应针对${next}年，标题中写的是${written}年`,
  resultsHeadingYear: (written: number, year: number) =>
    `此处标题写的是${written}年，与报告年度${year}年不一致`,
  dateYear: (written: number, year: number, next: number) =>
    `成文日期为${written}年，报告年度为${year}年，成文日期一般在${year}年底至${next}年上半年`,
  /** 召开2024年…部署会议 among 2025's results. */
  lastYearsMeeting: (year: number, quote: string) =>
    `报告年度为${year}年，成效部分却写“${quote}”；如是本年度召开的会议，应为${year}年`,
  /** `where` is the parts' names (partNames()) or `opening` below. */
  laterYearInResults: (year: number, where: string, written: number, quote: string) =>
    `报告年度为${year}年，${where}中却出现${written}年（“${quote}”）；此处应写${year}年已做的工作`,
  olderYearInResults: (year: number, where: string, written: number, quote: string) =>
    `报告年度为${year}年，${where}中出现${written}年（“${quote}”），请确认是否沿用了往年材料`,
  pastYearInPlans: (part: string, next: number, written: number, quote: string) =>
    `“${part}”应是${next}年的安排，却出现${written}年（“${quote}”）`,
  /** Where a year is found when it is before the first part. */
  opening: '开头部分',
} as const;
