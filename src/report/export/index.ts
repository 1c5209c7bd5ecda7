export {
  chatPreview,
  draftMarkdown,
  toMarkdown,
  toMarkdownSummary,
  utf8Bytes,
  WECOM_MARKDOWN_MAX_BYTES,
  type MarkdownOptions,
} from './markdown.js';
