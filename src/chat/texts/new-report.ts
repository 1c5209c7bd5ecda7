import { commonTexts } from './common.js';

/**
 * What the bot says while `新建` collects a report's organisation, year, deadline, office and
 * template, and when the report is made (chat/new-report.ts).
 */
export const newReportTexts = {
  /** `新建` in a one-to-one chat with no organisation behind it. */
  useGroupChat: `请在单位的工作群里 @我 发送：${commonTexts.newReportExample}`,
  /** A 主送 or 落款 clause on the `新建` line that could not be read. */
  clauseUnreadable: (problem: string) =>
    `⚠️ ${problem}\n例如：${commonTexts.newReportExample} 主送 清河县委、清河县人民政府 落款 联合`,
  /** Said before asking for a deadline when the line gave one that is not in the future. */
  deadlineAlreadyPast: (date: string) => `截止日期 ${date} 已经过了。`,
  answerUnreadable: (problem: string) => `⚠️ ${problem}`,
  /** The third answer in a row not understood: leaving is offered. */
  answerUnreadableOfferCancel: (problem: string) => `⚠️ ${problem}\n不想新建了可发送 取消。`,
  askOrgName: '新建报告：是哪个单位的？请回复单位全称，如：青石镇',
  orgNameUnreadable: '请回复单位全称，如：青石镇、县司法局。',
  askYear: (orgName: string, likelyYear: number) =>
    `${orgName}：报告是哪一年度的？请回复年份，如：${likelyYear}`,
  yearUnreadable: (likelyYear: number) => `请回复报告所属的年份，如：${likelyYear}`,
  askDeadline: '截止日期是哪天？如：2027-02-26 或 2月26日',
  dateUnreadable: '没看懂这个日期，请写成 2027-02-26 或 2月26日。',
  dateNotInFuture: (date: string) => `${date} 已经过了，请给一个今天之后的日期。`,
  /** `options`: the kinds as the office question numbers them. */
  officeUnreadable: (count: number, options: string) => `请回复数字 1 到 ${count}：${options}`,
  askTemplate: (options: string) => `用哪个模板？回复数字：\n${options}`,
  templateOption: (n: number, name: string) => `${n}. ${name}`,
  defaultTemplateOption: (n: number, name: string) => `${n}. ${name}（默认）`,
  templateUnreadable: (count: number) => `请回复数字 1 到 ${count} 选择模板。`,
  templateForTownships: '镇、乡、街道的报告',
  templateForDepartments: '县直部门的报告',
  templateForCounty: '县级单位的报告',
  /** The collected parts no longer make a report (the template went away meanwhile). */
  notCompleted: '新建没有完成，请重新发送 新建。',
  alreadyHasReport: (year: number, title: string) =>
    `本单位已有${year}年度报告《${title}》。发送 进度 查看。`,
  created: (title: string, deadline: string, daysLeft: number, sections: number) =>
    `✅ 已新建《${title}》\n截止 ${deadline}（还有${daysLeft}天），共${sections}个部分，你是管理员。\n\n分工：\`分配 一(三) 给 zhangsan\`，或大家自己 \`认领 普法\`\n填写：\`填写 一(一)\`；查看：\`进度\``,
} as const;
