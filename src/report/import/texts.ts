/**
 * What the report asks about last year's plans once the import has read them (import/prompts.ts):
 * one question per plan, shown when its part is filled in (chat/carried.ts).
 */
export const planFollowUpTexts = {
  /** `gist` is the plan cut to its first clause: 补齐执法力量. */
  question: (gist: string) => `去年计划“${gist}”，今年落实得怎么样？`,
} as const;
