export { composeDraft, type ComposeInput } from './compose-draft.js';
export type {
  AnswerRef,
  Closing,
  Draft,
  DraftPart,
  DraftSection,
  Heading,
  HeadingLevel,
  MissingItem,
  Paragraph,
  Span,
} from './draft.js';
export { headingText, paragraphText } from './draft.js';
export type { DraftOrg } from './front-matter.js';
export { chineseDate } from './front-matter.js';
export { isConnective } from './connectives.js';
