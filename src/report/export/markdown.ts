/**
 * The chat preview of a draft: WeCom stream/markdown replies take common Markdown of at most
 * 20,480 UTF-8 bytes. A draft that fits goes out whole; a longer one is split into pages at
 * paragraph (else sentence) boundaries, or summarised part by part, ending with the link to the
 * full document.
 */
import {
  headingText,
  paragraphText,
  type Draft,
  type Heading,
  type Paragraph,
} from '../compose/draft.js';
import { exportTexts } from './texts.js';

/** WeCom's limit for a stream reply or a markdown message via response_url. */
export const WECOM_MARKDOWN_MAX_BYTES = 20_480;

export interface MarkdownOptions {
  /** The byte limit of one message; defaults to WeCom's 20,480. */
  readonly maxBytes?: number;
  /** Where the full .docx can be fetched; linked at the end whenever given. */
  readonly fullDocumentUrl?: string;
}

/** UTF-8 length without Buffer, so the module stays free of Node specifics. */
export function utf8Bytes(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Backslash-escapes what Markdown would read as markup in people's own words. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, (c) => `\\${c}`);
}

function paragraphMarkdown(p: Paragraph): string {
  const lead = p.lead ? `**${escapeMarkdown(headingText(p.lead))}**` : '';
  const body = p.spans
    .map((s) => (s.kind === 'marker' ? `**${escapeMarkdown(s.text)}**` : escapeMarkdown(s.text)))
    .join('');
  return lead + body;
}

const headingMarkdown = (h: Heading) =>
  `${h.level === 1 ? '##' : h.level === 2 ? '###' : '####'} ${escapeMarkdown(headingText(h))}`;

interface Block {
  readonly md: string;
  readonly heading: boolean;
}

function blocksOf(draft: Draft): Block[] {
  const blocks: Block[] = [{ md: `# ${escapeMarkdown(draft.title)}`, heading: true }];
  if (draft.addressee) blocks.push({ md: escapeMarkdown(draft.addressee), heading: false });
  for (const p of draft.opening) blocks.push({ md: paragraphMarkdown(p), heading: false });
  for (const part of draft.parts) {
    blocks.push({ md: headingMarkdown(part.heading), heading: true });
    for (const section of part.sections) {
      if (section.heading) blocks.push({ md: headingMarkdown(section.heading), heading: true });
      for (const p of section.paragraphs) blocks.push({ md: paragraphMarkdown(p), heading: false });
    }
  }
  // Markdown has no right alignment; the signature lines simply close the preview.
  const closing = [...draft.closing.issuers, draft.closing.date].map(escapeMarkdown);
  blocks.push({ md: closing.join('  \n'), heading: false });
  return blocks;
}

const linkLine = (url: string) => exportTexts.downloadLink(url);

function pageFooter(page: number, pages: number, url?: string): string {
  const where = `> ${exportTexts.previewPage(page, pages)}`;
  return url ? `${where}，${linkLine(url)}` : where;
}

/** The whole draft as one Markdown text, with no size limit. */
export function draftMarkdown(draft: Draft, fullDocumentUrl?: string): string {
  const blocks = blocksOf(draft).map((b) => b.md);
  if (fullDocumentUrl) blocks.push(linkLine(fullDocumentUrl));
  return blocks.join('\n\n');
}

/**
 * The draft as one or more Markdown pages, each within `maxBytes`. One page when it fits;
 * otherwise pages numbered 第i/n页, each ending with the link when a URL is given.
 */
export function toMarkdown(draft: Draft, options: MarkdownOptions = {}): string[] {
  const maxBytes = options.maxBytes ?? WECOM_MARKDOWN_MAX_BYTES;
  const url = options.fullDocumentUrl;
  const whole = draftMarkdown(draft, url);
  if (utf8Bytes(whole) <= maxBytes) return [whole];

  // Room for the widest footer any page can get, plus the blank line before it.
  const budget = maxBytes - utf8Bytes(`\n\n${pageFooter(999, 999, url)}`);
  if (budget < 64) throw new RangeError(`toMarkdown: maxBytes ${maxBytes} leaves no room`);

  const pages: Block[][] = [[]];
  let used = 0;
  const joined = (blocks: readonly Block[]) =>
    blocks.reduce((n, b, i) => n + utf8Bytes(b.md) + (i > 0 ? 2 : 0), 0);
  const newPage = () => {
    // Headings left dangling at the bottom of a page go over to the next one with their text.
    const last = pages[pages.length - 1] as Block[];
    const carried: Block[] = [];
    while (last.length > 1 && last[last.length - 1]?.heading) carried.unshift(last.pop() as Block);
    pages.push(carried);
    used = joined(carried);
  };

  for (const block of blocksOf(draft)) {
    let md = block.md;
    while (md) {
      const page = pages[pages.length - 1] as Block[];
      const sep = page.length > 0 ? 2 : 0;
      const room = budget - used - sep;
      if (utf8Bytes(md) <= room) {
        page.push({ md, heading: block.heading });
        used += sep + utf8Bytes(md);
        break;
      }
      // A paragraph fills what is left of the page when that is worth it; else a new page.
      const cut =
        !block.heading && room >= budget / 4
          ? cutOnce(md, room)
          : page.length === 0
            ? cutOnce(md, budget, true)
            : undefined;
      if (cut) {
        page.push({ md: cut[0], heading: block.heading });
        md = cut[1];
        pages.push([]);
        used = 0;
      } else {
        newPage();
      }
    }
  }
  if (pages[pages.length - 1]?.length === 0) pages.pop();
  return pages.map(
    (page, i) => `${page.map((b) => b.md).join('\n\n')}\n\n${pageFooter(i + 1, pages.length, url)}`,
  );
}

/**
 * The longest head of `md` within `room` bytes, preferring the end of a sentence, never inside a
 * bold marker, a backslash escape or a character. Undefined when no such cut exists (unless
 * `force`, for a block that alone exceeds a page).
 */
function cutOnce(md: string, room: number, force = false): [string, string] | undefined {
  const chars = Array.from(md);
  let bytes = 0;
  let hard = 0;
  let soft = 0;
  let bold = false;
  let i = 0;
  for (; i < chars.length; i++) {
    const c = chars[i] as string;
    bytes += utf8Bytes(c);
    if (bytes > room) break;
    if (c === '*' && chars[i + 1] === '*' && chars[i - 1] !== '\\') bold = !bold;
    const escape = c === '\\' && chars[i - 1] !== '\\';
    if (!escape && !bold && chars[i + 1] !== '*') hard = i + 1;
    if (!bold && /[。；！？]/u.test(c)) soft = i + 1;
  }
  const at = soft > hard / 2 ? soft : hard > 0 ? hard : force ? Math.max(i, 1) : 0;
  if (at === 0) return undefined;
  return [chars.slice(0, at).join(''), chars.slice(at).join('')];
}

const PREVIEW_CHARS = 60;

/**
 * A one-message overview: each heading with the opening words of its text, what is still to
 * be filled in, and the link. For when the whole draft would not fit one reply.
 */
export function toMarkdownSummary(draft: Draft, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? WECOM_MARKDOWN_MAX_BYTES;
  const url = options.fullDocumentUrl;
  const head = [`# ${escapeMarkdown(draft.title)}`, exportTexts.summaryIntro];
  const tail: string[] = [];
  if (draft.missing.length) tail.push(`**${exportTexts.stillMissing(draft.missing.length)}**`);
  if (url) tail.push(linkLine(url));

  const lines: string[] = [];
  for (const part of draft.parts) {
    lines.push(headingMarkdown(part.heading));
    for (const section of part.sections) {
      const first = section.paragraphs.find((p) => p.spans.some((s) => s.kind !== 'marker'));
      const gist = first ? clip(paragraphText(first), PREVIEW_CHARS) : '';
      const open = section.paragraphs.some((p) => p.spans.some((s) => s.kind === 'marker'));
      const title = section.heading ? `${escapeMarkdown(headingText(section.heading))}：` : '';
      const note = open ? `**${exportTexts.sectionOpen}**` : '';
      if (title || gist || note) lines.push(`- ${title}${escapeMarkdown(gist)}${note}`);
    }
  }

  const fixed = utf8Bytes([...head, ...tail].join('\n\n')) + 4;
  const kept: string[] = [];
  let used = fixed;
  for (const line of lines) {
    const size = utf8Bytes(line) + 1;
    if (used + size > maxBytes - utf8Bytes('\n……')) {
      kept.push('……');
      break;
    }
    kept.push(line);
    used += size;
  }
  return [...head, kept.join('\n'), ...tail].join('\n\n');
}

function clip(text: string, chars: number): string {
  const cps = Array.from(text);
  return cps.length <= chars ? text : `${cps.slice(0, chars).join('')}……`;
}

/** The one message to send in chat: the whole draft when it fits, else the summary. */
export function chatPreview(draft: Draft, options: MarkdownOptions = {}): string {
  const pages = toMarkdown(draft, {
    ...options,
    maxBytes: options.maxBytes ?? WECOM_MARKDOWN_MAX_BYTES,
  });
  return pages.length === 1 ? (pages[0] as string) : toMarkdownSummary(draft, options);
}
