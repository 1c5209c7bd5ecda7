import { parseReportText } from '../import/parse.js';
import { RULES } from './rules.js';
import type { CheckOptions, Finding, Severity } from './types.js';

const SEVERITY_RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/**
 * Checks a report's text — our own draft or an imported one — and lists what a county reviewer
 * would mark: missing parts, broken heading numbers, placeholders, mixed years, figures that do
 * not add up, and parts without substance. Findings come sorted by line, then severity.
 */
export function checkReport(text: string, options: CheckOptions = {}): Finding[] {
  const report = parseReportText(text);
  const year = options.year ?? report.year;
  const ctx = { report, options, ...(year !== undefined ? { year } : {}) };
  const findings = RULES.flatMap((rule) => rule.run(ctx));
  const order = new Map(RULES.map((r, i) => [r.id, i]));
  return findings.sort(
    (a, b) =>
      a.line - b.line ||
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (order.get(a.rule) ?? 0) - (order.get(b.rule) ?? 0),
  );
}

/** True when any finding must be fixed before the report goes out. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
