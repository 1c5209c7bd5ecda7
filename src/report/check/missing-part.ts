import { partFor, type ParsedReport } from '../import/parse.js';
import { REQUIRED_PARTS, rolesOfHeading } from '../import/roles.js';
import type { PartRole } from '../types.js';
import { partNames } from './text.js';
import { missingPartTexts } from './texts/missing-part.js';
import type { Finding, Rule } from './types.js';

/** What each part should say, appended to the "missing" message so the writer knows what to add. */
const HINTS: Record<Exclude<PartRole, 'opening'>, string> = {
  measures: missingPartTexts.hintMeasures,
  shortcomings: missingPartTexts.hintShortcomings,
  first_responsible: missingPartTexts.hintFirstResponsible,
  plans: missingPartTexts.hintPlans,
  other: missingPartTexts.hintOther,
};

/** Where a missing part belongs: at the next present part in the official order, else at the end. */
function insertionLine(report: ParsedReport, index: number): number {
  for (const later of REQUIRED_PARTS.slice(index + 1)) {
    const p = partFor(report, later.role);
    if (p) return p.heading.line;
  }
  // At the end: after the last words of the last part, not on the blank line or the 落款.
  const lastPart = report.parts.at(-1);
  if (lastPart) return lastPart.body.at(-1)?.line ?? lastPart.heading.line;
  return report.title?.line ?? 1;
}

export const missingPart: Rule = {
  id: 'missing-part',
  name: missingPartTexts.name,
  description: missingPartTexts.description,
  run({ report }) {
    const findings: Finding[] = [];
    REQUIRED_PARTS.forEach(({ role, name }, index) => {
      const part = partFor(report, role);
      if (part) {
        if (part.implicit) {
          findings.push({
            rule: 'missing-part',
            severity: 'info',
            message: missingPartTexts.implicit(name),
            line: part.heading.line,
          });
        }
        return;
      }
      // Written as a sub-topic of another part: present, but not standing on its own.
      const nested =
        role === 'measures'
          ? undefined
          : report.headings.find((h) => h.level > 1 && rolesOfHeading(h.title).includes(role));
      if (nested) {
        findings.push({
          rule: 'missing-part',
          severity: 'warning',
          message: missingPartTexts.onlyAsSubheading(name),
          line: nested.line,
        });
        return;
      }
      findings.push({
        rule: 'missing-part',
        // Many complete reports leave out 其他需要报告的情况 when there is nothing to say.
        severity: role === 'other' ? 'info' : 'error',
        message: missingPartTexts.missing(name, HINTS[role]),
        line: insertionLine(report, index),
      });
    });

    for (const part of report.parts) {
      if (part.roles.length > 1) {
        findings.push({
          rule: 'missing-part',
          severity: 'warning',
          message: missingPartTexts.merged(partNames(part.roles)),
          line: part.heading.line,
        });
      }
    }

    // The official order helps the reader compare reports; say so once, gently.
    const order = report.parts
      .filter((p) => p.roles.length > 0)
      .map((p) => ({ p, rank: REQUIRED_PARTS.findIndex((r) => r.role === p.roles[0]) }));
    for (let i = 1; i < order.length; i++) {
      const prev = order[i - 1];
      const cur = order[i];
      if (prev && cur && cur.rank < prev.rank) {
        const curName = REQUIRED_PARTS[cur.rank]?.name ?? '';
        const prevName = REQUIRED_PARTS[prev.rank]?.name ?? '';
        findings.push({
          rule: 'missing-part',
          severity: 'info',
          message: missingPartTexts.outOfOrder(curName, prevName),
          line: cur.p.heading.line,
        });
        break;
      }
    }
    return findings;
  },
};
