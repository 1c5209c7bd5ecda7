/**
 * The joints the composer sets between answers, never content (compose/connectives.ts lists them
 * for `isConnective`, which tests hold the draft to). The opening sentence is
 * openingLead + org + year + openingTail: the org and the year are facts, kept as spans of their own.
 */
export const connectivesTexts = {
  openingLead: '根据《法治政府建设与责任落实督察工作规定》，现将',
  openingTail: '年度法治政府建设情况报告如下：',
  /** Starts a sentence of figures that stands on its own: 全年 + 召开专题会议4次。 */
  figuresLead: '全年',
  /** 一是, 二是 …: the opening words of the n-th point of an enumeration. */
  ordinalLead: (numeral: string) => `${numeral}是`,
} as const;
