import { planFollowUpTexts } from './texts.js';

/** Longest gist of a plan we put in a chat prompt, in characters. */
export const GIST_LENGTH = 32;

const LEADING_MARKER =
  /^([一二三四五六七八九十]{1,2}是|第[一二三四五六七八九十]{1,2}[，,、]|（[一二三四五六七八九十\d]{1,3}）|\([一二三四五六七八九十\d]{1,3}\)|\d{1,2}[.．、]|[一二三四五六七八九十]{1,2}、)\s*/;

/**
 * The gist of a plan item: its first sentence, cut back to the last comma that keeps it within
 * GIST_LENGTH, so a prompt names what was promised without quoting a paragraph.
 */
export function planGist(plan: string): string {
  const chars = (s: string): string[] => Array.from(s);
  let s = plan.trim().replace(LEADING_MARKER, '').replace(/^要/, '');
  const end = s.search(/[。！？；;]/);
  if (end >= 0) s = s.slice(0, end);
  s = s.replace(/[，,、：:\s]+$/, '');
  if (chars(s).length <= GIST_LENGTH) return s;
  const head = chars(s).slice(0, GIST_LENGTH).join('');
  const cut = Math.max(head.lastIndexOf('，'), head.lastIndexOf(','), head.lastIndexOf('、'));
  if (cut >= 6) return head.slice(0, cut);
  return `${chars(s)
    .slice(0, GIST_LENGTH - 1)
    .join('')}…`;
}

/** One short question per plan: 去年计划“补齐执法力量”，今年落实得怎么样？ */
export function followUpPrompts(plans: readonly string[]): string[] {
  const gists = plans.map(planGist).filter((g) => g !== '');
  return [...new Set(gists)].map((g) => planFollowUpTexts.question(g));
}
