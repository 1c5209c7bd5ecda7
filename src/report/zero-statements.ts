/**
 * A zero said in words: 无行政执法案件, 全年未发生行政复议和行政诉讼案件, 没有办理法律援助案件.
 * Officials rarely write "0件"; they say that nothing happened. Such a clause answers a count
 * with 0 and is kept as written. 无法统计 / 未统计 / 不详 say that the figure is unknown, not zero.
 */

/** Verbs a "none happened" clause is built on: 未发生, 没有办理, 尚未开展. */
const VERB =
  '(?:发生|出现|办理|受理|开展|召开|作出|收到|接到|产生|组织|聘请|发放|制发|发布|新创建|创建|培育|提供|主动公开|研究|评查|排查|化解)';
/** 未 + one of those verbs, anywhere in a clause (未成年人 or 未来 are not it). */
const NEG_VERB = new RegExp(`(?:没有|未曾|尚未|未)${VERB}`, 'u');
/** 无 / 暂无 / 没有 near the start of a clause (全年无…, 辖区内暂无…), not 无论, 无缝, 无偿 …. */
const NEG_NONE = /^.{0,6}?(?:暂无|没有|无)(?!论|缝|偿|纸|人机|障碍|害|差别|私|疑|法|从|需|关|意)/u;
/** Words that say a figure is unknown or not yet collected: never a zero. */
const UNKNOWN = /无法|未统计|没统计|未掌握|不清楚|不详|待统计|不知道|未知|未填|无从/u;

/** One clause of a text that says there was none of something. */
export interface ZeroClause {
  /** The clause as written, from its negation to its end (无行政执法案件). */
  readonly raw: string;
  /** Where `raw` starts in the text. */
  readonly start: number;
  /** What there was none of (行政执法案件), for matching it to a question. */
  readonly what: string;
}

/** The clauses of `text` that say there was none of something, in order. */
export function findZeroClauses(text: string): ZeroClause[] {
  const out: ZeroClause[] = [];
  const clause = /[^，,。；;：:\n！!？?]+/gu;
  for (const m of text.matchAll(clause)) {
    // 未发生一起 is still none: 一起 there is emphasis, not a count.
    const words = m[0].replace(/(?<=[未没无].{0,3})一[起件例次个项宗]/u, '');
    if (
      UNKNOWN.test(words) ||
      /\d|[一二两三四五六七八九十百千万]+[次场名人件份个项起条期]/u.test(words)
    )
      continue;
    const neg = NEG_VERB.exec(words) ?? NEG_NONE.exec(words);
    if (!neg) continue;
    // The clause as typed, from its negation (一起 and all): what the official said.
    const at = Math.max(0, m[0].search(/没有|未曾|尚未|未|暂无|无/u));
    const what = words
      .slice(neg.index + neg[0].length)
      .replace(/^(?:发生|出现|办理|受理|开展|召开|作出|收到|产生|有)/u, '')
      .trim();
    if ([...what].length < 2) continue;
    out.push({ raw: m[0].slice(at).trim(), start: m.index + at, what });
  }
  return out;
}

/** Whether a whole answer is a zero said in words (全年无行政执法案件), not an unknown figure. */
export function isZeroStatement(answer: string): boolean {
  const text = answer.trim();
  if (text === '' || UNKNOWN.test(text)) return false;
  // 未开展 / 没有发生: the question itself says what there was none of.
  if (
    /^(?:全年|今年|本年度?)?(?:没有|未|无|暂无)(?:发生|开展|办理|召开|受理|出现)?[。.!！]?$/u.test(
      text,
    )
  )
    return true;
  return findZeroClauses(text).length > 0;
}
