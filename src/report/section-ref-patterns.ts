/**
 * Vocabulary: the ways officials point at a section by its place in the report (一(三), 1.3,
 * 第一部分第三项, 第二部分, 三、), read by sections.ts after normalising brackets, digits and dots.
 */

const N = '(\\d{1,2}|[一二三四五六七八九十]{1,3})';

/**
 * Structural references, tried in order; each yields [part, index?] and may be followed by text.
 * The last one, (三) alone, names a sub-section of whichever part has one (sections.ts relies on
 * its being last).
 */
export const STRUCTURAL_REFS: readonly RegExp[] = [
  // 第一部分第三项, 第一部分(三), 第1部分第3项, 第一部分的第三个
  new RegExp(`^第${N}部分的?(?:第${N}(?:项|个|条|点|小节|节)|\\(${N}\\))`),
  // 一(三), 一、(三), 一.(三), 1(3)
  new RegExp(`^${N}[、.]?\\(${N}\\)`),
  // 1.3, 1-3
  new RegExp(`^(\\d{1,2})[.-](\\d{1,2})(?![\\d])`),
  // 第二部分 (a whole part)
  new RegExp(`^第${N}(?:部分|大项)`),
  // 三、 or 三. followed by anything
  new RegExp(`^${N}[、.]`),
  // 二, 3 (nothing else)
  new RegExp(`^${N}$`),
  // (三) alone: a sub-section of whichever part has one
  new RegExp(`^\\(${N}\\)`),
];
