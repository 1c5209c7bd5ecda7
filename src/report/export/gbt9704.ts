/**
 * The page and type of an official document per GB/T 9704-2012 (党政机关公文格式), in the units
 * Word stores: twips (1/20 pt, 1/1440 inch) for lengths, half-points for font sizes.
 */

const twipsPerMm = 1440 / 25.4;
export const mm = (n: number): number => Math.round(n * twipsPerMm);

/** A4 portrait. */
export const PAGE_WIDTH = 11906;
export const PAGE_HEIGHT = 16838;

/**
 * 天头 37 mm, bottom 35 mm, 订口 (left, binding side) 28 mm, right 26 mm: a text block of
 * 156 × 225 mm. The footer sits so the page number's top is about 7 mm below the text block.
 */
export const MARGIN = {
  top: mm(37),
  bottom: mm(35),
  left: mm(28),
  right: mm(26),
  header: mm(15),
  footer: mm(23),
} as const;

/** 二号 22 pt, 三号 16 pt, 四号 14 pt, as half-points. */
export const SIZE = { title: 44, body: 32, pageNumber: 28 } as const;

/** Fixed ("exact") line spacing of 28 pt: 22 lines to the text block. */
export const LINE_EXACT = 560;
/** The title's lines, a little looser for 二号 type. */
export const TITLE_LINE_EXACT = 700;

/** One character of 三号 type (16 pt) and of 四号 (14 pt), in twips. */
export const CHAR = 320;
export const PAGE_NUMBER_CHAR = 280;

/** Body paragraphs and headings start two characters in. */
export const FIRST_LINE_INDENT = 2 * CHAR;

/** The 成文日期 stands four characters from the right margin. */
export const DATE_RIGHT_INDENT = 4 * CHAR;

/**
 * 28 characters to a line: 156 mm / 28 = 315.9 twips a character, 5 less than 三号 type, so each
 * character gives up 5 twips (0.25 pt). Set on the runs rather than through a Word document grid
 * (docGrid charSpace), which LibreOffice lays out differently from Word and WPS.
 */
export const CHARS_PER_LINE = 28;
export const CHARACTER_SPACING = -Math.ceil(
  CHAR - (PAGE_WIDTH - MARGIN.left - MARGIN.right) / CHARS_PER_LINE,
);

/** Characters of 二号 type on one title line (156 mm / 22 pt). */
export const TITLE_CHARS_PER_LINE = Math.floor((PAGE_WIDTH - MARGIN.left - MARGIN.right) / 440);
