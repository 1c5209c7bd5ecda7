import { partFor, type ParsedReport } from '../import/parse.js';
import { REQUIRED_PARTS, rolesOfHeading } from '../import/roles.js';
import type { PartRole } from '../types.js';
import type { Finding, Rule } from './types.js';

/** What each part should say, appended to the "missing" message so the writer knows what to add. */
const HINTS: Record<Exclude<PartRole, 'opening'>, string> = {
  measures: '请写明全年推进法治政府建设的主要举措，并用数据说明成效',
  shortcomings: '请写明本单位存在的具体问题及其原因',
  first_responsible: '这是考核重点，请写明党政主要负责人主持研究法治工作、带头学法、述法等履职情况',
  plans: '请写明下一年度的主要工作安排，并与存在的不足相对应',
  other:
    '许多报告在没有其他情况时省略该部分；如有需要报告的事项（如重大事件、上级交办事项），请增设该部分',
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
  name: '缺少部分',
  description: '五个必备部分是否齐全（按含义识别标题）',
  run({ report }) {
    const findings: Finding[] = [];
    REQUIRED_PARTS.forEach(({ role, name }, index) => {
      const part = partFor(report, role);
      if (part) {
        if (part.implicit) {
          findings.push({
            rule: 'missing-part',
            severity: 'info',
            message: `未见“${name}”标题，已把第一个编号部分之前的专题内容视为该部分；建议加上规范标题`,
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
          message: `“${name}”只作为下级标题出现，应单独列为一个部分`,
          line: nested.line,
        });
        return;
      }
      findings.push({
        rule: 'missing-part',
        // Many complete reports leave out 其他需要报告的情况 when there is nothing to say.
        severity: role === 'other' ? 'info' : 'error',
        message: `缺少必备部分“${name}”：${HINTS[role]}`,
        line: insertionLine(report, index),
      });
    });

    for (const part of report.parts) {
      if (part.roles.length > 1) {
        const names = part.roles.map(
          (r) => `“${REQUIRED_PARTS.find((p) => p.role === r)?.name ?? r}”`,
        );
        findings.push({
          rule: 'missing-part',
          severity: 'warning',
          message: `${names.join('与')}合写在一个部分中，应分别单独成部分`,
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
          message: `部分顺序与规定不一致：“${curName}”一般应排在“${prevName}”之前`,
          line: cur.p.heading.line,
        });
        break;
      }
    }
    return findings;
  },
};
