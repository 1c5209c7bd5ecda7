/**
 * The typefaces of GB/T 9704-2012 and what stands in for them where they are not installed.
 *
 * The official faces (方正小标宋简体, 仿宋_GB2312, 楷体_GB2312) ship with few Windows installs
 * and no Linux or macOS ones. The document names the official face in every run, so a machine
 * that has it prints it; the font table (word/fontTable.xml) gives each one an alternative name
 * (`w:altName`), the GB2312 character set and a family class, which Word uses to pick a
 * substitute: 仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 宋体, 黑体 → SimHei,
 * 宋体 → SimSun. LibreOffice goes through its own replacement table and fontconfig, which map
 * these names to FangSong/KaiTi/SimSun where present, and otherwise to any CJK face. For
 * rendering checks the test setup installs config/fontconfig/65-gbt9704-cjk.conf, which maps
 * 宋体/仿宋 to Noto Serif CJK SC, 黑体 to Noto Sans CJK SC and 楷体 to AR PL UKai CN.
 *
 * Figures and Latin letters are set in Times New Roman throughout (ascii/hAnsi slots), the
 * Chinese font only fills the eastAsia slot.
 */

export const FONT = {
  title: '方正小标宋简体',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  body: '仿宋_GB2312',
  pageNumber: '宋体',
  figures: 'Times New Roman',
} as const;

interface FontEntry {
  readonly name: string;
  readonly altName?: string;
  /** Windows character set: 86 = GB2312, 00 = ANSI. */
  readonly charset: '86' | '00';
  readonly family: 'roman' | 'modern';
  readonly pitch: 'fixed' | 'variable';
}

export const FONT_TABLE: readonly FontEntry[] = [
  { name: FONT.title, altName: '宋体', charset: '86', family: 'roman', pitch: 'variable' },
  { name: FONT.heading1, altName: 'SimHei', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.heading2, altName: '楷体', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.body, altName: '仿宋', charset: '86', family: 'modern', pitch: 'fixed' },
  { name: FONT.pageNumber, altName: 'SimSun', charset: '86', family: 'roman', pitch: 'variable' },
  { name: FONT.figures, charset: '00', family: 'roman', pitch: 'variable' },
];

const escapeXml = (s: string) =>
  s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c);

/** word/fontTable.xml naming each face with its alternative. */
export function fontTableXml(): string {
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${escapeXml(f.name)}">` +
      (f.altName ? `<w:altName w:val="${escapeXml(f.altName)}"/>` : '') +
      `<w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/>` +
      `</w:font>`,
  ).join('');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    fonts +
    '</w:fonts>'
  );
}

/** Run fonts: the Chinese face for Chinese, Times New Roman for figures and Latin letters. */
export function runFonts(chinese: string) {
  return {
    ascii: FONT.figures,
    hAnsi: FONT.figures,
    cs: FONT.figures,
    eastAsia: chinese,
    // Ambiguous marks such as “ ” take the Chinese (full-width) form.
    hint: 'eastAsia',
  } as const;
}
