/**
 * The draft as a .docx laid out per GB/T 9704-2012, built in memory with `docx` (no I/O).
 * Layout numbers live in gbt9704.ts, typefaces and their fallbacks in fonts.ts.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel as DocxHeading,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph as DocxParagraph,
  TextRun,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import type { Draft, Heading, Paragraph, Span } from '../compose/draft.js';
import { FONT, fontTableXml, runFonts } from './fonts.js';
import { exportTexts } from './texts.js';
import {
  CHAR,
  DATE_RIGHT_INDENT,
  FIRST_LINE_INDENT,
  CHARACTER_SPACING,
  LINE_EXACT,
  MARGIN,
  PAGE_HEIGHT,
  PAGE_NUMBER_CHAR,
  PAGE_WIDTH,
  SIZE,
  TITLE_CHARS_PER_LINE,
  TITLE_LINE_EXACT,
} from './gbt9704.js';

const exact = (line: number, extra: { before?: number; after?: number } = {}) => ({
  line,
  lineRule: LineRuleType.EXACT,
  before: extra.before ?? 0,
  after: extra.after ?? 0,
});

const indented = { firstLine: FIRST_LINE_INDENT, firstLineChars: 200 };
const flush = { firstLine: 0, firstLineChars: 0 };

const run = (text: string, chinese: string, extra: Partial<IRunOptions> = {}) =>
  new TextRun({
    text,
    font: runFonts(chinese),
    size: SIZE.body,
    characterSpacing: CHARACTER_SPACING,
    ...extra,
  });

const HEADING_FONT: Record<Heading['level'], string> = {
  1: FONT.heading1,
  2: FONT.heading2,
  3: FONT.body,
  4: FONT.body,
};

const HEADING_STYLE = {
  1: DocxHeading.HEADING_1,
  2: DocxHeading.HEADING_2,
  3: DocxHeading.HEADING_3,
  4: DocxHeading.HEADING_4,
} as const;

/** One run per stretch of like text: plain words together, each marker highlighted. */
function spanRuns(spans: readonly Span[]): TextRun[] {
  const runs: TextRun[] = [];
  let plain = '';
  for (const s of spans) {
    if (s.kind !== 'marker') {
      plain += s.text;
      continue;
    }
    if (plain) runs.push(run(plain, FONT.body));
    plain = '';
    runs.push(run(s.text, FONT.body, { highlight: 'yellow' }));
  }
  if (plain) runs.push(run(plain, FONT.body));
  return runs;
}

/**
 * A title too long for one line breaks before 关于, so the issuing bodies stand on the first
 * line and the subject on the second, as titles are set by hand.
 */
function titleRuns(title: string): TextRun[] {
  const at = title.search(/关于/u);
  const options = { size: SIZE.title, characterSpacing: 0 };
  if (widthInChars(title) <= TITLE_CHARS_PER_LINE || at <= 0) {
    return [run(title, FONT.title, options)];
  }
  return [
    run(title.slice(0, at).trimEnd(), FONT.title, options),
    run(title.slice(at), FONT.title, { ...options, break: 1 }),
  ];
}

function headingParagraph(h: Heading): DocxParagraph {
  return new DocxParagraph({
    heading: HEADING_STYLE[h.level],
    spacing: exact(LINE_EXACT),
    indent: indented,
    alignment: AlignmentType.JUSTIFIED,
    keepNext: true,
    children: [run(h.number + h.text, HEADING_FONT[h.level])],
  });
}

function bodyParagraph(p: Paragraph, options: Partial<IParagraphOptions> = {}): DocxParagraph {
  const lead = p.lead ? [run(p.lead.number + p.lead.text, HEADING_FONT[p.lead.level])] : [];
  return new DocxParagraph({
    spacing: exact(LINE_EXACT),
    indent: indented,
    alignment: AlignmentType.JUSTIFIED,
    ...options,
    children: [...lead, ...spanRuns(p.spans)],
  });
}

/** Width in characters of 三号 type: Chinese characters are one, figures and Latin half. */
function widthInChars(text: string): number {
  let n = 0;
  for (const c of text) n += c.charCodeAt(0) < 0x80 ? 0.5 : 1;
  return n;
}

/**
 * The 落款: the date four characters from the right margin, each issuing body centred over the
 * date (so the seal, added on paper, covers both). Two blank lines above.
 */
function closingParagraphs(draft: Draft): DocxParagraph[] {
  const dateWidth = widthInChars(draft.closing.date);
  const issuers = draft.closing.issuers.map(
    (name, i) =>
      new DocxParagraph({
        alignment: AlignmentType.RIGHT,
        spacing: exact(LINE_EXACT, { before: i === 0 ? 2 * LINE_EXACT : 0 }),
        indent: {
          ...flush,
          right: Math.max(
            0,
            Math.round(DATE_RIGHT_INDENT + ((dateWidth - widthInChars(name)) / 2) * CHAR),
          ),
        },
        keepNext: true,
        children: [run(name, FONT.body)],
      }),
  );
  const date = new DocxParagraph({
    alignment: AlignmentType.RIGHT,
    spacing: exact(LINE_EXACT),
    indent: { ...flush, right: DATE_RIGHT_INDENT },
    children: [run(draft.closing.date, FONT.body)],
  });
  return [...issuers, date];
}

/** 一字线, the dash GB/T 9704 sets on either side of the page number. */
const YIZIXIAN = '\u2014';

/**
 * "— 1 —" (GB/T 9704-2012 7.5): 4号半角宋体 figures with a 一字线 (U+2014) on each side, one
 * character in from the outer edge: right on odd pages, left on even. The dash is an ambiguous
 * character, so the East Asian hint makes Word and LibreOffice set it full width in 宋体.
 */
function pageNumberFooter(side: 'odd' | 'even'): Footer {
  const font = {
    ascii: FONT.pageNumber,
    hAnsi: FONT.pageNumber,
    cs: FONT.pageNumber,
    eastAsia: FONT.pageNumber,
    hint: 'eastAsia',
  } as const;
  return new Footer({
    children: [
      new DocxParagraph({
        alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent:
          side === 'odd'
            ? { ...flush, right: PAGE_NUMBER_CHAR }
            : { ...flush, left: PAGE_NUMBER_CHAR },
        spacing: { before: 0, after: 0 },
        children: [
          new TextRun({
            children: [`${YIZIXIAN} `, PageNumber.CURRENT, ` ${YIZIXIAN}`],
            font,
            size: SIZE.pageNumber,
          }),
        ],
      }),
    ],
  });
}

function bodyOf(draft: Draft): DocxParagraph[] {
  const last = draft.parts.at(-1)?.sections.at(-1)?.paragraphs.at(-1);
  const out: DocxParagraph[] = [
    new DocxParagraph({
      heading: DocxHeading.TITLE,
      alignment: AlignmentType.CENTER,
      spacing: exact(TITLE_LINE_EXACT, { after: LINE_EXACT }),
      indent: flush,
      children: titleRuns(draft.title),
    }),
  ];
  if (draft.addressee) {
    out.push(
      new DocxParagraph({
        spacing: exact(LINE_EXACT),
        indent: flush,
        children: [run(draft.addressee, FONT.body)],
      }),
    );
  }
  for (const p of draft.opening) out.push(bodyParagraph(p));
  for (const part of draft.parts) {
    out.push(headingParagraph(part.heading));
    for (const section of part.sections) {
      if (section.heading) out.push(headingParagraph(section.heading));
      for (const p of section.paragraphs) {
        // The last lines of the text go with the 落款, which must never stand on a page alone.
        out.push(bodyParagraph(p, p === last ? { keepNext: true } : {}));
      }
    }
  }
  out.push(...closingParagraphs(draft));
  return out;
}

const headingStyle = (font: string, outlineLevel: number) => ({
  run: { font: runFonts(font), size: SIZE.body, bold: false, italics: false, color: '000000' },
  paragraph: {
    spacing: exact(LINE_EXACT),
    indent: indented,
    outlineLevel,
    keepNext: true,
  },
});

function documentOf(draft: Draft): Document {
  return new Document({
    title: draft.title,
    creator: 'wecom-report-bot',
    description: exportTexts.docxDescription,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: {
        document: {
          run: {
            font: runFonts(FONT.body),
            size: SIZE.body,
            characterSpacing: CHARACTER_SPACING,
            language: { value: 'en-US', eastAsia: 'zh-CN' },
          },
          paragraph: { spacing: exact(LINE_EXACT), indent: indented },
        },
        title: {
          run: { font: runFonts(FONT.title), size: SIZE.title, bold: false, color: '000000' },
          paragraph: {
            alignment: AlignmentType.CENTER,
            spacing: exact(TITLE_LINE_EXACT, { after: LINE_EXACT }),
            indent: flush,
          },
        },
        heading1: headingStyle(FONT.heading1, 0),
        heading2: headingStyle(FONT.heading2, 1),
        heading3: headingStyle(FONT.body, 2),
        heading4: headingStyle(FONT.body, 3),
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_WIDTH, height: PAGE_HEIGHT },
            margin: { ...MARGIN, gutter: 0 },
          },
        },
        footers: { default: pageNumberFooter('odd'), even: pageNumberFooter('even') },
        children: bodyOf(draft),
      },
    ],
  });
}

/** The draft as .docx bytes. */
export async function toDocx(draft: Draft): Promise<Buffer> {
  return Packer.toBuffer(documentOf(draft), false, [
    { path: 'word/fontTable.xml', data: fontTableXml() },
  ]);
}
