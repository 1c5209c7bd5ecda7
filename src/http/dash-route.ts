/**
 * `GET /dash/<token>`: a county's dashboard, or one township's, behind a signed expiring link
 * (`bot/dash-links.ts`). Township rows link to their own pages and to their newest draft, each with
 * a fresh token that expires when this page's does.
 */
import Router from '@koa/router';
import type { ChartRenderer } from '../charts/render.js';
import type { Logger } from '../logger.js';
import { countyView, townshipView, type DashboardEntry } from '../report/dashboard.js';
import type { Answer, Member, Org, Report, Template } from '../report/types.js';
import type { DashLinkSigner } from '../bot/dash-links.js';
import type { DraftLinkSigner } from '../bot/draft-links.js';
import { countyPage, refusedPage, townshipPage } from './dash-page.js';
import { httpTexts } from './texts.js';

/** What a township page reads of the org's cached scope. */
export interface TownshipScope {
  readonly report: Report | null;
  readonly template: Template | null;
  readonly answers: readonly Answer[];
  readonly members: readonly Member[];
}

export interface DashSource {
  county(
    countyId: string,
  ): Promise<{ county: Org; entries: readonly DashboardEntry[] } | undefined>;
  township(orgId: string): Promise<{ org: Org; scope: TownshipScope } | undefined>;
  latestDrafts(reportIds: readonly string[]): Promise<Map<string, number>>;
}

export interface DashRouteDeps {
  readonly source: DashSource;
  readonly charts: Pick<ChartRenderer, 'countySvg' | 'townshipSvg' | 'timelineSvg'>;
  readonly signer: DashLinkSigner;
  readonly draftSigner: DraftLinkSigner;
  readonly log: Logger;
  readonly now?: () => Date;
}

export function createDashRouter(deps: DashRouteDeps): Router {
  const router = new Router();
  const now = deps.now ?? (() => new Date());

  router.get('/dash/:token', async (ctx) => {
    const at = now();
    const check = deps.signer.check(ctx.params.token ?? '', at);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.set('X-Content-Type-Options', 'nosniff');
    ctx.set('Referrer-Policy', 'no-referrer');
    // Nothing on the page is fetched from elsewhere: say so to the browser too.
    ctx.set(
      'Content-Security-Policy',
      "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
    );
    ctx.type = 'text/html; charset=utf-8';
    if (!check.ok) {
      deps.log.info({ reason: check.reason }, 'dashboard link refused');
      ctx.status = check.reason === 'expired' ? 410 : 404;
      ctx.body = refusedPage(
        check.reason === 'expired' ? httpTexts.dashLinkExpired : httpTexts.dashLinkInvalid,
      );
      return;
    }
    const { ref, expiresAt } = check;
    const html =
      ref.scope === 'county'
        ? await countyHtml(deps, ref.orgId, at, expiresAt)
        : await townshipHtml(deps, ref.orgId, at, expiresAt);
    if (!html) {
      deps.log.info({ ...ref }, 'dashboard link names no such org');
      ctx.status = 404;
      ctx.body = refusedPage(httpTexts.dashLinkInvalid);
      return;
    }
    ctx.status = 200;
    ctx.body = html;
  });
  return router;
}

function draftHref(deps: DashRouteDeps, reportId: string, version: number, expiresAt: Date) {
  return `/drafts/${deps.draftSigner.sign({ reportId, version }, expiresAt)}.docx`;
}

async function countyHtml(
  deps: DashRouteDeps,
  countyId: string,
  at: Date,
  expiresAt: Date,
): Promise<string | undefined> {
  const data = await deps.source.county(countyId);
  if (!data) return undefined;
  const view = countyView(data.county.name, data.entries, at);
  const reportIds = view.townships.flatMap((t) => (t.reportId ? [t.reportId] : []));
  const drafts = await deps.source.latestDrafts(reportIds);
  const townshipLinks = new Map<string, string>();
  const draftLinks = new Map<string, string>();
  for (const t of view.townships) {
    townshipLinks.set(
      t.orgId,
      `/dash/${deps.signer.sign({ scope: 'township', orgId: t.orgId }, expiresAt)}`,
    );
    const version = t.reportId ? drafts.get(t.reportId) : undefined;
    if (t.reportId && version)
      draftLinks.set(t.orgId, draftHref(deps, t.reportId, version, expiresAt));
  }
  return countyPage({
    view,
    charts: {
      ranking: deps.charts.countySvg(view),
      timeline: deps.charts.timelineSvg(view.timeline),
    },
    townshipLinks,
    draftLinks,
    expiresAt,
  });
}

async function townshipHtml(
  deps: DashRouteDeps,
  orgId: string,
  at: Date,
  expiresAt: Date,
): Promise<string | undefined> {
  const data = await deps.source.township(orgId);
  const { report, template } = data?.scope ?? {};
  if (!data || !report || !template) return undefined;
  const view = townshipView({
    report,
    template,
    answers: data.scope.answers,
    members: data.scope.members,
    now: at,
  });
  const version = (await deps.source.latestDrafts([report.id])).get(report.id);
  return townshipPage({
    view,
    charts: {
      sections: deps.charts.townshipSvg(view),
      timeline: deps.charts.timelineSvg(view.timeline),
    },
    ...(version ? { draftLink: draftHref(deps, report.id, version, expiresAt) } : {}),
    expiresAt,
  });
}
