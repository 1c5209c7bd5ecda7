/**
 * What the bot says about a report's progress: the `进度` reply and the two lines shown after each
 * finished section (chat/progress-view.ts).
 */
export const progressTexts = {
  /** `owing` lists who still owes which sections (`张三 一（一）、一（二）；未认领 二`). */
  stillOwing: (owing: string) => `待完成：${owing}`,
  allDone: '🎉 全部完成！可发送 **生成草稿**',
  /** In place of a name for sections nobody holds. */
  unclaimed: '未认领',
  owedQuestions: (owed: number) => `待填写${owed}题`,
  owedQuestionsWithSkipped: (owed: number, skipped: number) =>
    `待填写${owed}题（其中跳过${skipped}题）`,
  /** An optional section nobody has written: only on offer, nothing owed. */
  optionalSection: (label: string) => `○ ${label}（可选）`,
  section: (icon: string, label: string, who: string) => `${icon} ${label} · ${who}`,
  sectionOwes: (icon: string, label: string, who: string, owed: number) =>
    `${icon} ${label} · ${who} · 欠${owed}题`,
  howToGoOn: '填写：`填写 一(三)`；认领：`认领 普法`',
} as const;
