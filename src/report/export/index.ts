export {
  chatPreview,
  draftMarkdown,
  toMarkdown,
  toMarkdownSummary,
  utf8Bytes,
  WECOM_MARKDOWN_MAX_BYTES,
  type MarkdownOptions,
} from './markdown.js';
export { toDocx } from './docx.js';
export { FONT, FONT_TABLE } from './fonts.js';
export { draftText } from './text.js';
