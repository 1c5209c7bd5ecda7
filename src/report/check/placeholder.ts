import { excerpt } from './text.js';
import type { Finding, Rule } from './types.js';

const UNITS = '件次人名个项场起份条户期家所批篇册%％';

interface Placeholder {
  readonly re: RegExp;
  readonly what: (match: string) => string;
}

/*
 * Tried in order; each match is blanked out before the next pattern runs, so `20XX` is reported
 * as a year and not again as `XX`.
 */
const PLACEHOLDERS: readonly Placeholder[] = [
  {
    re: /20\d?[xX×ｘＸ]{1,2}(?![A-Za-z])/g,
    what: (m) => `年份占位符“${m}”未替换为实际年份`,
  },
  {
    // Any length: the composer's markers spell out what is missing and who should write it.
    re: /[【[［][^】\]］\n]*?(待|填写|补充|核实|确认|请|此处|修改|TODO)[^】\]］\n]*[】\]］]/g,
    what: (m) => `仍有待填写的内容“${excerpt(m, 20)}”`,
  },
  {
    re: /[（(](待|请)(填|补|定|核|确认|完善|更新|修改|提供)[^）)]{0,20}[）)]/g,
    what: (m) => `仍有待填写的内容“${excerpt(m, 20)}”`,
  },
  {
    re: /(?<![A-Za-z])([xXｘＸ]{2,}|×{2,}|○{2,}|△{2,}|□{2,})(?![A-Za-z])/g,
    what: (m) => `名称或数字占位符“${m}”未替换`,
  },
  {
    re: new RegExp(`(?<![A-Za-z0-9])[xXｘＸ×](?=[${UNITS}])`, 'g'),
    what: (m) => `数字占位符“${m}”未替换为实际数字`,
  },
  {
    re: new RegExp(`(?<=[\\u4e00-\\u9fff，、：:])[*＊]{1,3}(?=[${UNITS}])`, 'g'),
    what: (m) => `数字占位符“${m}”未替换为实际数字`,
  },
  {
    re: /[＿_]{2,}/g,
    what: () => '留有待填写的下划线空格“＿＿”',
  },
  {
    re: /\b(TODO|TBD|FIXME)\b/gi,
    what: (m) => `留有待办标记“${m}”`,
  },
];

export const placeholder: Rule = {
  id: 'placeholder',
  name: '占位符',
  description: '定稿中是否残留占位符（20xx、XX镇、××、x件、*次、【待填写】、＿＿）',
  run({ report, year }) {
    const findings: Finding[] = [];
    // A year placeholder can be filled from the title: say which year the report is for.
    const yearHint =
      year === undefined
        ? ''
        : `（报告年度为${year}年：写工作成效处多为“${year}年”，写下一年度安排处多为“${year + 1}年”）`;
    report.lines.forEach((raw, i) => {
      let line = raw;
      for (const p of PLACEHOLDERS) {
        const seen = new Set<string>();
        for (const m of line.matchAll(p.re)) {
          // A unit or place word after `x`/`XX` shows what is missing (x件, XX镇): keep it.
          const shown = /^[xXｘＸ×*＊]{1,3}$/.test(m[0])
            ? m[0] + line.charAt(m.index + m[0].length)
            : m[0];
          if (seen.has(shown)) continue;
          seen.add(shown);
          findings.push({
            rule: 'placeholder',
            severity: 'error',
            message: p.what(shown.trim()) + (p === PLACEHOLDERS[0] ? yearHint : ''),
            line: i + 1,
          });
        }
        line = line.replace(p.re, (m: string) => ' '.repeat(m.length));
      }
    });
    return findings;
  },
};
