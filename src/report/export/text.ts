import { headingText, paragraphText, type Draft } from '../compose/draft.js';

/**
 * The draft as plain text, one paragraph a line, the way a user would paste it: what the checker
 * reads when `检查` runs on the current draft, so its line numbers match a printed copy.
 */
export function draftText(draft: Draft): string {
  const lines: string[] = [draft.title];
  if (draft.addressee) lines.push(draft.addressee);
  for (const p of draft.opening) lines.push(paragraphText(p));
  for (const part of draft.parts) {
    lines.push(headingText(part.heading));
    for (const section of part.sections) {
      if (section.heading) lines.push(headingText(section.heading));
      for (const p of section.paragraphs) lines.push(paragraphText(p));
    }
  }
  lines.push(...draft.closing.issuers, draft.closing.date);
  return lines.join('\n');
}
