/** What the bot answers to `检查`: the checker's findings in the chat (handlers/index.ts). */
export const checkTexts = {
  clean: '✅ 检查完毕，未发现问题。',
  headErrors: '**检查结果**：有需要改正的问题',
  headSuggestionsOnly: '**检查结果**：没有错误，有几处建议',
  /** Findings beyond what a phone screen shows. */
  notListed: (count: number) => `……另有 ${count} 处未列出`,
} as const;
