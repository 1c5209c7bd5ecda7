/**
 * What the exported draft says about itself: the chat preview's page footer, summary and link
 * (export/markdown.ts) and the .docx file's description (export/docx.ts). Markdown marks stay there.
 */
export const exportTexts = {
  docxDescription: '草稿',
  /** The link text to the .docx: [下载完整文档（.docx）](url). */
  downloadLink: (url: string) => `[下载完整文档（.docx）](${url})`,
  previewPage: (page: number, pages: number) => `草稿预览 第${page}/${pages}页`,
  summaryIntro: '草稿较长，以下为各部分摘要。',
  stillMissing: (count: number) => `尚有${count}处待填写`,
  /** After a section's gist in the summary when the section still has a 【待填写】 marker. */
  sectionOpen: '（待填写）',
} as const;
