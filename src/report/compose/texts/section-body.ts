/**
 * What the draft says in a part or section beyond the answers (compose/section-body.ts,
 * section-pieces.ts, compose-draft.ts): a 【待填写】 marker for whatever is still owed and who owes
 * it, and 无 for a section whose questions were all answered 否/无.
 */
export const sectionBodyTexts = {
  /** `what` names what is missing; `owner` is ownerNamed or ownerUnassigned. */
  marker: (what: string, owner: string) => `【待填写：${what}（${owner}）】`,
  ownerNamed: (who: string) => `负责人：${who}`,
  ownerUnassigned: '尚未分配负责人',
  sectionUnanswered: (heading: string) => `${heading}，尚无回答`,
  partWithoutQuestions: (heading: string) => `${heading}，模板中没有本部分的问题`,
  partSkipped: (heading: string) => `${heading}，已跳过，如无内容请写“无”`,
  /** A 是 to a question whose prompt cannot be turned into a statement: the details are owed. */
  yesNeedsDetail: (question: string) => `${question}已答“是”，请补充具体情况`,
  nothingToReport: '无',
} as const;
