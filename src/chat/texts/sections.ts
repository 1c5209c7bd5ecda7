/**
 * What the bot says when someone names a section to claim, fill, edit or assign
 * (chat/section-commands.ts), and while it waits for a numbered choice of section.
 */
export const sectionsTexts = {
  allClaimed: '所有部分都已有人负责了。发送 进度 查看分工。',
  nothingToFill: '没有需要填写的部分了。发送 进度 查看。',
  /** `list`: the candidate sections, one numbered line each. */
  pickSection: (list: string) => `请选择部分，回复数字选择：\n${list}`,
  pickSectionFor: (words: string, list: string) =>
    `「${words}」对应多个部分，回复数字选择：\n${list}`,
  /** Anything but a number in the list while a choice of section waits. */
  pickNumber: (count: number) => `请回复 1 到 ${count} 之间的数字，或发送 取消。`,
  /** `list`: every section of the template, one per line. */
  notFound: (words: string, list: string) =>
    `没找到「${words}」对应的部分。可以用编号或关键词，如 一(三)、普法：\n${list}`,

  /** Someone else holds the section; `admins`: their names, to ask for 分配. */
  takenBy: (ref: string, holder: string, admins: string) =>
    `${ref} 已由 ${holder} 负责。如需调整，请管理员（${admins}）发送 分配。`,
  takenByNoAdmins: (ref: string, holder: string) =>
    `${ref} 已由 ${holder} 负责。如需调整，请管理员发送 分配。`,
  /**
   * Said instead when another claim of the same section was written first; the applier puts the
   * claimant's name in for `{holder}` (bot/apply.ts).
   */
  claimedMeanwhile: (ref: string) => `${ref} 刚被{holder}认领了，发送 进度 查看。`,
  /** Above the first question of an unassigned section opened with `填写`. */
  claimedOnTheWay: (ref: string) => `已认领 ${ref}，由你负责。`,
  alreadyYours: (ref: string) => `${ref} 已经由你负责了。发送 **填写 ${ref}** 开始。`,
  claimed: (title: string, ref: string, questions: number) =>
    `👌 ${title} 由你负责。发送 **填写 ${ref}** 开始（${questions}题）。`,

  assignExample: (ref: string) => `分配 ${ref} 给 zhangsan`,
  /** What follows adding a new member, in the question that asks to confirm it. */
  assignAfterAdding: (ref: string) => `分配 ${ref}`,
  assigned: (title: string, name: string, ref: string) =>
    `👌 ${title} 已分配给 ${name}。对方发送 **填写 ${ref}** 即可开始。`,
} as const;
