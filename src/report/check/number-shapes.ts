import { chineseOrdinal, parseChineseInteger, parseChineseOrdinal } from '../chinese-numerals.js';
import { findQuantities } from '../numbers.js';
import { excerpt } from './text.js';
import { numberInconsistentTexts } from './texts/number-inconsistent.js';
import type { Finding } from './types.js';

/**
 * Two sentence shapes of these reports whose figures must agree with each other:
 * - a total and its parts: 开展普法活动36场，其中进村20场、进校园10场、进企业8场;
 * - a count of items and the list after it: 主要表现在两个方面：一是……二是……三是…….
 */

/** Parts after 其中 that add up to more than the total before it (the parts may be fewer). */
export function partsExceedTotal(sentence: string, line: number): Finding[] {
  const at = sentence.search(/其中/);
  if (at < 0) return [];
  const before = findQuantities(sentence.slice(0, at)).filter((q) => q.unit !== '%');
  const total = before.at(-1);
  if (!total || total.qualifier !== undefined) return [];
  const parts = [];
  for (const q of findQuantities(sentence.slice(at))) {
    if (q.unit !== total.unit) break;
    parts.push(q);
  }
  if (parts.length < 2 || parts.some((q) => q.qualifier !== undefined)) return [];
  const sum = parts.reduce((t, q) => t + q.value, 0);
  if (sum <= total.value) return [];
  return [
    {
      rule: 'number-inconsistent',
      severity: 'error',
      message: numberInconsistentTexts.partsExceedTotal(
        total.raw,
        sum,
        total.unit,
        parts.map((q) => q.value).join('+'),
      ),
      line,
    },
  ];
}

/** 两个方面 / 三项工作 / 四个问题 … followed (within a few words) by a colon. */
const ANNOUNCED =
  /([两二三四五六七八九十])(?:个方面|方面|项工作|项措施|项任务|项举措|项重点工作|个问题|个重点|条措施|点)[^，,。；;：:]{0,12}[：:]/g;

const ITEM = /([一二三四五六七八九十])是/g;

/** How many items a run of 一是、二是…… counts, if it starts at 一是. */
function itemCount(text: string): number {
  let n = 0;
  for (const m of text.matchAll(ITEM)) {
    const k = parseChineseOrdinal(m[1] ?? '');
    if (k === n + 1) n = k;
  }
  return n;
}

export function enumerationFindings(lines: readonly string[]): Finding[] {
  const findings: Finding[] = [];
  lines.forEach((line, i) => {
    for (const m of line.matchAll(ANNOUNCED)) {
      // One numeral (两 included), so reading it as an integer gives the count.
      const announced = parseChineseInteger(m[1] ?? '');
      if (announced === undefined) continue;
      const rest = line.slice(m.index + m[0].length);
      let listed = itemCount(rest);
      if (listed === 0 && rest.trim() === '') {
        // The items on the lines that follow: 一是……／二是……／三是…….
        const following: string[] = [];
        for (const next of lines.slice(i + 1)) {
          const s = next.trim();
          if (s === '') continue;
          if (!/^[一二三四五六七八九十]是/.test(s)) break;
          following.push(s);
        }
        listed = itemCount(following.join(''));
      }
      if (listed < 2 || listed === announced) continue;
      findings.push({
        rule: 'number-inconsistent',
        severity: 'error',
        message: numberInconsistentTexts.listCountMismatch(
          excerpt(m[0].replace(/[：:]$/, ''), 14),
          listed,
          chineseOrdinal(listed),
        ),
        line: i + 1,
      });
    }
  });
  return findings;
}
