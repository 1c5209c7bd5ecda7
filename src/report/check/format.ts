import { RULES } from './rules.js';
import { findingsTexts } from './texts/findings.js';
import type { Finding, RuleId, Severity } from './types.js';

/** The Chinese name a clerk reads instead of the rule id (JSON output keeps the id). */
export const RULE_NAMES: Record<RuleId, string> = Object.fromEntries(
  RULES.map((r) => [r.id, r.name]),
) as Record<RuleId, string>;

export const SEVERITY_LABELS: Record<Severity, string> = {
  error: findingsTexts.error,
  warning: findingsTexts.warning,
  info: findingsTexts.info,
};

/** `共发现 5 处问题：错误 2，警告 2，提示 1`, or a line saying nothing was found. */
export function summarizeFindings(findings: readonly Finding[]): string {
  if (findings.length === 0) return findingsTexts.noFindings;
  const count = (s: Severity): number => findings.filter((f) => f.severity === s).length;
  return findingsTexts.summary(findings.length, count('error'), count('warning'), count('info'));
}

/** One line per finding (`第12行 [错误] 标题编号：…`) and a summary line. */
export function formatFindings(findings: readonly Finding[]): string {
  return [...findings.map(findingLine), summarizeFindings(findings)].join('\n');
}

/** `第12行 [错误] 标题编号：…` */
export function findingLine(f: Finding): string {
  return findingsTexts.findingLine(
    f.line,
    SEVERITY_LABELS[f.severity],
    RULE_NAMES[f.rule],
    f.message,
  );
}

/** The machine-readable form: `{"findings":[{"rule","severity","message","line"}]}`. */
export function findingsToJson(findings: readonly Finding[]): string {
  return JSON.stringify({
    findings: findings.map(({ rule, severity, message, line }) => ({
      rule,
      severity,
      message,
      line,
    })),
  });
}
