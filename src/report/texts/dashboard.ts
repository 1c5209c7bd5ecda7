/**
 * The words in the leaders' view of progress that the charts and the dashboard pages show
 * (report/dashboard.ts): the names of a section's states and the key indicators' names when no
 * template gives them.
 */
export const dashboardTexts = {
  statusDone: '已完成',
  statusInProgress: '填写中',
  statusTodo: '未开始',
  statusSkipped: '已跳过',
  /** The key indicators' names before any township template that has them is in the county. */
  defaultRateName: '调解成功率',
  defaultCountName: '普法宣传活动场次',
  defaultCountUnit: '场次',
} as const;
