/** What the bot answers to `生成草稿` and `草稿 历史`, and the .docx file's name (handlers/draft.ts, draft-links.ts). */
export const draftTexts = {
  /**
   * Above the chat preview; `state` is `allFilled` or the preview's own count of places still to
   * fill (report/export/texts.ts `stillMissing`), so one reply says it one way.
   */
  generated: (version: number, state: string) => `**草稿第${version}版已生成**（${state}）`,
  allFilled: '各部分均已填写',
  fileSentToGroup: 'Word 文件已发到群里。',
  noDraftYet: '还没有生成过草稿。发送 **生成草稿** 生成第一版。',
  historyHead: (count: number) => `**历次草稿**（共 ${count} 版）`,
  /** One version in the history list: date and time in Shanghai, and its download link. */
  historyLine: (version: number, date: string, time: string, link: string) =>
    `- 第${version}版 ${date} ${time} [下载](${link})`,
  historyMore: (count: number) => `- ……更早的 ${count} 版未列出`,
  /** The .docx file's name. */
  fileName: (title: string, version: number) => `${title}（草稿第${version}版）.docx`,
  /** The file name's title when the report's own has nothing a file system accepts. */
  fallbackTitle: '法治政府建设情况报告',
} as const;
