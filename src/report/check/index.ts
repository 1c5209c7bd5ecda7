export { checkReport, hasErrors } from './check.js';
export {
  findingLine,
  findingsToJson,
  formatFindings,
  RULE_NAMES,
  summarizeFindings,
  SEVERITY_LABELS,
} from './format.js';
export { RULES, RULE_IDS } from './rules.js';
export type { CheckOptions, Finding, Rule, RuleId, Severity } from './types.js';
