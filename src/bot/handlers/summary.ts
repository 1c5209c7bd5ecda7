import { dashLink, type DashLinkSigner, type DashRef } from '../dash-links.js';
import {
  renderCountyProgress,
  renderCountySummary,
  renderOrgSummary,
} from '../../report/summary.js';
import type { Repositories } from '../../store/repositories.js';
import type { Request } from '../apply.js';
import { CountyReader } from '../county-reader.js';
import type { RequestReply } from '../requests.js';
import type { TemplateSource } from '../templates.js';
import { summaryTexts } from '../texts/summary.js';
import type { ChatCharts } from './charts.js';
import { loadSnapshot } from './snapshot.js';

type SummaryRequest = Extract<Request, { op: 'requestSummary' }>;

/** Where the dashboard pages are and how their links are signed. */
export interface DashLinks {
  readonly publicBaseUrl: string;
  readonly signer: DashLinkSigner;
}

export interface SummaryHandlerDeps {
  readonly repos: Repositories;
  readonly templates: TemplateSource;
  /** Reads a county through the chat's scope cache; a plain reader without one otherwise. */
  readonly county?: CountyReader;
  /** Absent: the replies carry no dashboard link. */
  readonly dash?: DashLinks;
  /** The chart under each summary (none when absent). */
  readonly charts?: ChatCharts;
}

/**
 * `汇总` for one org, `全县进度` / `全县汇总` over every org that joined the county; each with its
 * chart as an image under the text.
 */
export function summaryHandler(
  deps: SummaryHandlerDeps,
): (req: SummaryRequest) => Promise<RequestReply[]> {
  const reader = deps.county ?? new CountyReader(deps.repos, deps.templates);
  return async (req) => {
    if (req.scope === 'org') {
      if (!req.reportId) return [summaryTexts.noReport];
      const s = await loadSnapshot(deps.repos, deps.templates, req.reportId);
      const text = renderOrgSummary({ ...s, now: req.at });
      return [
        withLink(text, deps.dash, { scope: 'township', orgId: s.org.id }, req.at),
        ...((await deps.charts?.township(s, req.at)) ?? []),
      ];
    }
    const data = await reader.county(req.orgId, req.year);
    if (!data) return [summaryTexts.noCounty];
    const text =
      req.view === 'figures'
        ? renderCountySummary(data.county, data.entries, req.at)
        : renderCountyProgress(data.county, data.entries, req.at);
    return [
      withLink(text, deps.dash, { scope: 'county', orgId: data.county.id }, req.at),
      ...((await deps.charts?.county(data, req.at)) ?? []),
    ];
  };
}

/** The reply with a link to its dashboard page under it. */
function withLink(text: string, dash: DashLinks | undefined, ref: DashRef, at: Date): string {
  if (!dash) return text;
  const url = dashLink(dash.publicBaseUrl, ref, dash.signer, at);
  const page = ref.scope === 'county' ? summaryTexts.countyPage : summaryTexts.orgPage;
  return `${text}\n\n${summaryTexts.pageLink(page, url)}`;
}
