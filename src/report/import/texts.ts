/** What the import asks about last year's report (import/prompts.ts): one follow-up per plan. */
export const importTexts = {
  /** `gist` is the plan cut to its first clause: 补齐执法力量. */
  planFollowUp: (gist: string) => `去年计划“${gist}”，今年落实得怎么样？`,
} as const;
