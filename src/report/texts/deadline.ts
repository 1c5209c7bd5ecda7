/**
 * Where a report stands against its deadline, said the same way by 进度, 汇总, the charts and the
 * dashboard (report/deadline-text.ts chooses). `date` is the deadline as 2月26日.
 */
export const deadlineTexts = {
  daysLeft: (days: number, date: string) => `距截止还有${days}天（${date}）`,
  dueToday: (date: string) => `今天截止（${date}）`,
  overdue: (days: number, date: string) => `已逾期${days}天（${date}截止）`,
} as const;
