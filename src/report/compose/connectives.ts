/**
 * The only words the composer adds of its own: joints between answers, never content.
 * Tests hold the composer to this list, so a new connective is a deliberate, reviewed change.
 */
export const OPENING_LEAD = '根据《法治政府建设与责任落实督察工作规定》，现将';
export const OPENING_TAIL = '年度法治政府建设情况报告如下：';
/** Starts a sentence of figures that stands on its own. */
export const FIGURES_LEAD = '全年';

const FIXED = new Set<string>(['，', '。', '；', '、', OPENING_LEAD, OPENING_TAIL, FIGURES_LEAD]);

/** 一是 … 九十九是: the opening words of the points of an enumeration. */
const ORDINAL_LEAD = /^[一二三四五六七八九十]{1,3}是$/;

export function isConnective(text: string): boolean {
  return FIXED.has(text) || ORDINAL_LEAD.test(text);
}

/** Marks that already close a sentence or clause, so no 。 or ； is added after them. */
const CLOSING = /[。！？；…”』」）)!?;]$/u;

export function endsClause(text: string): boolean {
  return CLOSING.test(text);
}
