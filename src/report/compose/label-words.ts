/**
 * Vocabulary: the words figures.ts weighs when it turns a metric's name into the words before a
 * figure (排查矛盾纠纷数 + 起 → 排查矛盾纠纷18起). Domain words we match, not words we say.
 */

/** Words that end in a measure character but are nouns in their own right: keep them whole. */
export const KEEP_ENDINGS: readonly string[] = [
  '案件',
  '文件',
  '事件',
  '条件',
  '事项',
  '款项',
  '办件',
  '明白人',
  '责任人',
  '负责人',
  '当事人',
  '代理人',
  '联系人',
];
/** …except where the measure belongs to the count: 政协提案 + 件数, 代表建议 + 件数. */
export const MEASURE_AFTER_NOUN: readonly string[] = ['提案件', '建议件'];

/** Measure words that count the same thing: a metric in 名 may be named …人数 (法律顾问人数 → 2名). */
export const SAME_MEASURES: ReadonlyMap<string, readonly string[]> = new Map([
  ['名', ['名', '人']],
]);
