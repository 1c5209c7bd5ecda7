/**
 * What the bot says while an official fills a section one question at a time: the prompts, the
 * replies to answers, skips, going back and undoing, and the recap when the section is through
 * (chat/fill.ts, fill-position.ts, fill-paragraph.ts, fill-finish.ts).
 */
export const fillTexts = {
  noQuestions: (section: string) => `${section} 没有需要回答的问题。`,
  /** `填写` on a section already answered through: it is walked again for checking. */
  introAlreadyDone: (ref: string) =>
    `${ref} 已填完，逐题核对：发送新内容替换，发送 跳过 保留原答案。`,
  introReopened: (ref: string) => `重新打开 ${ref}：发送新内容替换，发送 跳过 保留原答案。`,
  introResumed: (ref: string, answered: number, total: number) =>
    `接着填写 ${ref}（已答${answered}/${total}题）。`,
  introStart: (ref: string, total: number) =>
    `开始填写 ${ref}，共${total}题，随时可发 跳过／上一题／撤销／取消。`,
  questionHeading: (section: string, n: number, total: number) =>
    `**${section}** 第${n}/${total}题`,
  optionalNote: '（选填，没有可发送 跳过）',
  currentAnswer: (value: string) => `当前：${value}（发送 跳过 保留）`,
  resumed: (prompt: string) => `继续填写：\n\n${prompt}`,
  answerUnreadable: (hint: string, prompt: string) => `⚠️ ${hint}\n\n${prompt}`,
  /** The same question failed often enough that skipping it is offered. */
  answerUnreadableOfferSkip: (hint: string, prompt: string) =>
    `⚠️ ${hint}\n一时答不上来可以发送 **跳过**，之后再补。\n\n${prompt}`,
  recorded: (value: string) => `已记录：${value}`,
  /** What was read from a text written for the whole section (`figures` joined by `，`). */
  readFromParagraph: (figures: string, ref: string) => `读到：${figures}（有误可发送 修改 ${ref}）`,
  /** `doubts` are the 🤔 lines about figures that break the template's relations. */
  askConfirmFigures: (recorded: string, doubts: string) =>
    `${recorded}\n${doubts}\n回复 **确认** 保留，或直接发送正确的数字。`,
  keptFigure: '好的，按你填的数字保留。',
  skippedAgain: '已跳过。',
  keptAnswer: '保留原答案。',
  skippedOptional: '已跳过（选填题）。',
  /** A required question skipped: it stays owed and the reminders will name it. */
  skippedOwed: (deadline: string, ref: string) =>
    `已跳过。这一题仍算待填写：截止（${deadline}）前的提醒会再提到你，发送 **填写 ${ref}** 会先问它。`,
  firstQuestionAlready: (prompt: string) => `已经是第一题了。\n\n${prompt}`,
  nothingToUndo: '没有可以撤销的回答。',
  undone: (ref: string, n: number, value: string, prompt: string) =>
    `↩️ 已撤销 ${ref} 第${n}题的回答「${value}」。请重新回答：\n\n${prompt}`,
  /** Undone, and an earlier answer to the same question stands again. */
  undoneRestored: (ref: string, n: number, value: string, restored: string, prompt: string) =>
    `↩️ 已撤销 ${ref} 第${n}题的回答「${value}」，恢复为：${restored}。请重新回答：\n\n${prompt}`,
  questionGone: '这一题在模板里已经不存在了，请重新发送 填写 + 部分。',
  sectionDone: (section: string) => `✅ **${section}** 已完成`,
  sectionOwes: (section: string, owed: number) =>
    `⏸ **${section}** 还欠${owed}题（跳过的题仍算待填写）`,
  recapLine: (n: number, label: string, value: string) => `${n}. ${label}：${value}`,
  recapNotFilled: '（未填）',
  /** Under the recap of a section that still owes questions. */
  owedReminder: (deadline: string, ref: string) =>
    `截止（${deadline}）前的提醒会再提到你；补上请发送 **填写 ${ref}**，没有的写“无”。`,
  nextSection: (ref: string) => `下一部分：发送 **填写 ${ref}**`,
} as const;
