/**
 * What the bot says when someone sends last year's report (`导入`, a pasted report or a Word
 * file; chat/import-commands.ts), and the hint under each question about one of its plans
 * (chat/carried.ts).
 */
export const importTexts = {
  usage:
    '请把去年的报告全文粘贴在“导入”后面一起发给我，或直接把 Word 文件（.docx）发给我。我会找出去年的“下一年度主要安排”，填写时逐条问问今年落实得怎么样。',
  singleChatOnly: '去年的报告请单聊发给我（直接粘贴全文，或发送 Word 文件），不用发在群里。',
  noReportYet: (org: string) =>
    `${org}还没有今年的报告。请管理员先在工作群里发送 新建，建好后再把去年的报告发给我。`,
  readingFile: (title: string) => `📥 收到文件，正在读取，用作 ${title} 的参考……`,
  readingText: (title: string) => `📥 收到去年的报告，正在读取，用作 ${title} 的参考……`,
  notInAnyOrg:
    '你还没有加入任何单位的报告。请先在单位工作群里 @我 发送 帮助，再把去年的报告发给我。',
  /** Several orgs and none chosen: a file's link would expire while we asked which. */
  pickOrgFirst: '你在多个单位，请先发送 切换 选好单位，再重新发送去年的报告。',

  carriedPlanHint: '说说做了什么、做到什么程度；没有落实的也请说明原因，暂时说不清可发送 跳过。',
} as const;
