/** What the bot answers to `导入`, reading last year's report (handlers/import.ts). */
export const lastYearReportTexts = {
  /** The file's link died (WeCom's last five minutes) or its bytes would not decrypt. */
  linkExpired: '文件链接已过期，请重新发送。',
  fileTooLarge: '文件太大（超过20MB）。请只发送报告正文的 Word 文件，或直接粘贴文字。',
  downloadFailed: '文件没能下载下来，请稍后重新发送。',
  foreignHost:
    '这个文件的下载地址不是企业微信的，出于安全没有读取。请在企业微信里直接把 Word 文件发给我，或把报告全文粘贴过来。',
  docxUnreadable: '这个 Word 文件打不开，请另存为 .docx 后重新发送，或直接粘贴文字。',
  /** A .doc, .wps or .pdf file, or other bytes that are not text. */
  notDocx:
    '目前只能读取 .docx 格式的 Word 文件。旧版 .doc 或 WPS 文件请另存为 .docx 后再发，或直接把报告全文粘贴给我。',
  notAReport:
    '没有认出这是一份法治政府建设情况报告：找不到“一、……”“二、……”这样的部分标题。请发送报告全文（或 Word 文件）。',
  read: '**已读取去年的报告**',
  /** The report named its own title. */
  readTitled: (title: string) => `**已读取去年的报告**《${title}》`,
  partsFound: (found: number, required: number, names: string) =>
    `识别到 ${found}/${required} 个必备部分：${names}`,
  partsMissing: (names: string) => `⚠️ 没找到：${names}`,
  noPlans:
    '没有找到“下一年度主要安排”里的具体条目，所以这次没有带过来的计划；之前导入的计划（如有）保持不变。',
  plansHead: (count: number) => `从“下一年度主要安排”带过来 **${count} 条计划**：`,
  plan: (n: number, gist: string) => `${n}. ${gist}`,
  /** A plan and the section whose filling will ask about it. */
  planAskedIn: (n: number, gist: string, section: string) =>
    `${n}. ${gist}（填写 ${section} 时问）`,
  plansMore: (count: number) => `……另有 ${count} 条`,
  howPlansAreAsked:
    '大家填写第一部分时，我会在相应部分的最后逐条问“去年计划……，今年落实得怎么样？”（选填，可跳过），回答会写进草稿。重新导入会替换这次的计划。',
} as const;
