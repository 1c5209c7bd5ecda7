/**
 * The words drawn into the progress charts (the PNG sent with 进度 / 全县进度 and the SVG on the
 * dashboard pages) (charts/specs.ts).
 */
export const chartTexts = {
  townshipTitle: (org: string) => `${org}·填报进度`,
  /** `deadline` is the days-left text. */
  townshipSubtitle: (done: number, total: number, deadline: string) =>
    `完成 ${done}/${total} · ${deadline}`,
  countyTitle: (county: string) => `${county}·全县进度`,
  /** In place of the days left while no township has a report. */
  noReportYet: '尚无报告',
  countySubtitle: (finished: number, orgs: number, deadline: string) =>
    `${finished}/${orgs} 个单位已完成 · ${deadline}`,
  countySubtitleLate: (finished: number, orgs: number, deadline: string, late: number) =>
    `${finished}/${orgs} 个单位已完成 · ${deadline} · ${late} 个逾期`,
  completionHeader: '完成度',
  /** Beside the bar of a township that has no report yet. */
  noReportLabel: '未建',
  timelineHeading: '完成进度（按周）',
} as const;
