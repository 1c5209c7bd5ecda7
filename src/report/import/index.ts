export {
  parseReportText,
  partFor,
  yearIn,
  type ParsedReport,
  type ReportHeading,
  type ReportLine,
  type ReportPart,
} from './parse.js';
export { extractPlans } from './plans.js';
export { followUpPrompts, planGist } from './prompts.js';
export { REQUIRED_PARTS, partName, rolesOfHeading } from './roles.js';
export { readHeading, type HeadingLevel, type HeadingMark, type HeadingStyle } from './headings.js';
