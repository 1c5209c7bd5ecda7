import {
  renderCountyProgress,
  renderCountySummary,
  renderOrgSummary,
  type CountyEntry,
} from '../../report/summary.js';
import type { Repositories } from '../../store/repositories.js';
import type { Request } from '../apply.js';
import type { TemplateSource } from '../templates.js';
import { loadSnapshot } from './snapshot.js';

type SummaryRequest = Extract<Request, { op: 'requestSummary' }>;

export interface SummaryHandlerDeps {
  readonly repos: Repositories;
  readonly templates: TemplateSource;
}

/** `汇总` for one org, `全县进度` / `全县汇总` over every org that joined the county. */
export function summaryHandler(
  deps: SummaryHandlerDeps,
): (req: SummaryRequest) => Promise<string[]> {
  return async (req) => {
    if (req.scope === 'org') {
      if (!req.reportId) return ['本单位还没有报告。管理员可发送 **新建** 创建。'];
      const s = await loadSnapshot(deps.repos, deps.templates, req.reportId);
      return [renderOrgSummary({ ...s, now: req.at })];
    }
    const county = await deps.repos.orgs.get(req.orgId);
    if (!county) return ['没有找到本县级单位。'];
    const entries = await countyEntries(deps, req.orgId, req.year);
    const figures = req.view === 'figures';
    return [
      figures
        ? renderCountySummary(county, entries, req.at)
        : renderCountyProgress(county, entries, req.at),
    ];
  };
}

/** Each child org with its report of `year` (its newest one when no year is given). */
async function countyEntries(
  deps: SummaryHandlerDeps,
  countyId: string,
  year: number | undefined,
): Promise<CountyEntry[]> {
  const children = await deps.repos.orgs.children(countyId);
  return Promise.all(
    children.map(async (org): Promise<CountyEntry> => {
      const report = await deps.repos.reports.latestOfOrg(org.id);
      if (!report || (year !== undefined && report.year !== year)) return { org, answers: [] };
      const template = deps.templates.get(report.templateId, report.templateVersion);
      const answers = await deps.repos.answers.history(report.id);
      return { org, report, answers, ...(template ? { template } : {}) };
    }),
  );
}
