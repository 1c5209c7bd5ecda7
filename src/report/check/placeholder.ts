import { PLACEHOLDER_UNITS } from './measure-words.js';
import { excerpt } from './text.js';
import { placeholderTexts } from './texts/placeholder.js';
import type { Finding, Rule } from './types.js';

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
    what: placeholderTexts.yearPlaceholder,
  },
  {
    // Any length: the composer's markers spell out what is missing and who should write it.
    re: /[【[［][^】\]］\n]*?(待|填写|补充|核实|确认|请|此处|修改|TODO)[^】\]］\n]*[】\]］]/g,
    what: (m) => placeholderTexts.toBeFilled(excerpt(m, 20)),
  },
  {
    re: /[（(](待|请)(填|补|定|核|确认|完善|更新|修改|提供)[^）)]{0,20}[）)]/g,
    what: (m) => placeholderTexts.toBeFilled(excerpt(m, 20)),
  },
  {
    re: /(?<![A-Za-z])([xXｘＸ]{2,}|×{2,}|○{2,}|△{2,}|□{2,})(?![A-Za-z])/g,
    what: placeholderTexts.namePlaceholder,
  },
  {
    re: new RegExp(`(?<![A-Za-z0-9])[xXｘＸ×](?=[${PLACEHOLDER_UNITS}])`, 'g'),
    what: placeholderTexts.numberPlaceholder,
  },
  {
    re: new RegExp(`(?<=[\\u4e00-\\u9fff，、：:])[*＊]{1,3}(?=[${PLACEHOLDER_UNITS}])`, 'g'),
    what: placeholderTexts.numberPlaceholder,
  },
  {
    re: /[＿_]{2,}/g,
    what: () => placeholderTexts.underlineBlank,
  },
  {
    re: /\b(TODO|TBD|FIXME)\b/gi,
    what: placeholderTexts.todoMark,
  },
];

export const placeholder: Rule = {
  id: 'placeholder',
  name: placeholderTexts.name,
  description: placeholderTexts.description,
  run({ report, year }) {
    const findings: Finding[] = [];
    // A year placeholder can be filled from the title: say which year the report is for.
    const yearHint = year === undefined ? '' : placeholderTexts.yearHint(year, year + 1);
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
