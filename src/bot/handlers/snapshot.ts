import { reportTemplate } from '../../report/office.js';
import type { Answer, Member, Org, Report, Template } from '../../report/types.js';
import type { Repositories } from '../../store/repositories.js';
import type { TemplateSource } from '../templates.js';
import { commonTexts } from '../texts/common.js';
import { snapshotTexts } from '../texts/snapshot.js';

/** A report with everything needed to compose, check or summarise it. */
export interface ReportSnapshot {
  readonly org: Org;
  readonly report: Report;
  readonly template: Template;
  readonly answers: readonly Answer[];
  readonly members: readonly Member[];
}

/**
 * Why a snapshot could not be read. Requests are answered later than the turn that asked, so
 * the report may be gone or its template withdrawn meanwhile.
 */
export class SnapshotError extends Error {
  constructor(
    readonly reason: 'no_report' | 'no_org' | 'no_template',
    readonly userMessage: string,
  ) {
    super(`report snapshot unavailable: ${reason}`);
    this.name = 'SnapshotError';
  }
}

export async function loadSnapshot(
  repos: Repositories,
  templates: TemplateSource,
  reportId: string,
): Promise<ReportSnapshot> {
  const report = await repos.reports.get(reportId);
  if (!report) throw new SnapshotError('no_report', commonTexts.reportNotFound);
  const [org, answers, members] = await Promise.all([
    repos.orgs.get(report.orgId),
    repos.answers.history(report.id),
    repos.members.ofOrg(report.orgId),
  ]);
  if (!org) throw new SnapshotError('no_org', snapshotTexts.noOrg);
  const template = templates.get(report.templateId, report.templateVersion);
  if (!template) {
    throw new SnapshotError(
      'no_template',
      snapshotTexts.templateGone(report.templateId, report.templateVersion),
    );
  }
  return { org, report, template: reportTemplate(template, report), answers, members };
}

/** `左贡县依法治县办` → `左贡县`: the county name as the draft's addressee uses it. */
export function countyNameOf(parentName: string | undefined): string | undefined {
  const m = parentName ? /^(.+?(?:自治县|县|区|市|旗))/.exec(parentName) : null;
  return m?.[1];
}
