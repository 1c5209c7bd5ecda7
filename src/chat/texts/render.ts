/**
 * How a saved answer reads back in a recap, and the note at the end of a reply cut to WeCom's
 * size limit (chat/render.ts).
 */
export const renderTexts = {
  yes: '是',
  no: '否',
  yesWithNote: (note: string) => `是，${note}`,
  noWithNote: (note: string) => `否，${note}`,
  /** A list answer of several points, shown by the first. */
  listOfMany: (count: number, first: string) => `${count}条：${first}`,
  skipped: '（已跳过）',
  replyCut: '……（内容较多，已省略）',
} as const;
