import { parseDialog, type DialogState } from '../chat/dialog-state.js';
import type { ChatContext, OrgScope, Turn } from '../chat/types.js';
import type { Org } from '../report/types.js';
import { newId } from '../store/ids.js';
import type { DialogTurn } from '../store/dialogs.js';
import type { Repositories } from '../store/repositories.js';
import type { CachedScope, ScopeCache } from './scope-cache.js';
import type { TemplateSource } from './templates.js';
import { countyNameOf } from './handlers/snapshot.js';

export interface LoadedContext {
  readonly context: ChatContext;
  /** The stored dialog's version, for the compare-and-set save after the turn. */
  readonly dialogVersion: number;
  /** The turn that last saved the dialog, and what it answered. */
  readonly lastTurn?: DialogTurn;
}

/**
 * Loads everything the engine may read for one turn: in a group the org bound to it, in single
 * chat every org the user belongs to; each with members, newest report, its template and answers.
 */
export async function loadContext(
  repos: Repositories,
  templates: TemplateSource,
  turn: Turn,
  cache?: ScopeCache,
): Promise<LoadedContext> {
  const scopes = await loadScopes(repos, templates, turn, cache);
  const stored = await repos.dialogs.load<unknown>(turn.userid);
  const dialog: DialogState | null = stored?.state ? parseDialog(stored.state) : null;
  return {
    context: { orgs: scopes, templates: templates.list(), dialog, newId },
    dialogVersion: stored?.version ?? 0,
    ...(stored?.lastTurn ? { lastTurn: stored.lastTurn } : {}),
  };
}

async function loadScopes(
  repos: Repositories,
  templates: TemplateSource,
  turn: Turn,
  cache: ScopeCache | undefined,
): Promise<OrgScope[]> {
  const scopeOf = (orgId: string) => loadScope(repos, templates, orgId);
  if (turn.chatType === 'group' && turn.chatId) {
    if (cache) {
      const scope = await cache.forChat(turn.chatId, {
        orgIdOf: (chatId) => repos.orgs.boundTo(chatId),
        org: (orgId) => repos.orgs.get(orgId),
        scope: scopeOf,
      });
      return scope ? [scope] : [];
    }
    const org = await repos.orgs.byChat(turn.chatId);
    return org ? [{ org, ...(await scopeOf(org.id)) }] : [];
  }
  const memberships = await repos.members.ofUser(turn.userid);
  const orgs: Org[] = await repos.orgs.many(memberships.map((m) => m.orgId));
  return Promise.all(
    orgs.map(async (org): Promise<OrgScope> => {
      const load = () => scopeOf(org.id);
      return { org, ...(await (cache ? cache.get(org.id, load) : load())) };
    }),
  );
}

/** One org's scope as the engine reads it: members, newest report, its template and answers. */
export async function loadScope(
  repos: Repositories,
  templates: TemplateSource,
  orgId: string,
): Promise<CachedScope> {
  const [members, report, org] = await Promise.all([
    repos.members.ofOrg(orgId),
    repos.reports.latestOfOrg(orgId),
    repos.orgs.get(orgId),
  ]);
  const county = org?.parentId
    ? countyNameOf((await repos.orgs.get(org.parentId))?.name)
    : undefined;
  const [answers, carried] = report
    ? await Promise.all([repos.answers.history(report.id), repos.carriedPlans.forReport(report.id)])
    : [[], undefined];
  const template = report
    ? (templates.get(report.templateId, report.templateVersion) ?? null)
    : null;
  return {
    members,
    report: report ?? null,
    template,
    answers,
    carriedPlans: carried?.plans ?? [],
    ...(county ? { countyName: county } : {}),
  };
}

/**
 * Several orgs' scopes (a county's townships) read together: one query per collection with
 * `$in` instead of one set per org. On the embedded FerretDB every such query scans its whole
 * collection, so thirty townships cost seven scans, not two hundred; on MongoDB the same queries
 * use the `orgId` / `reportId` indexes.
 */
export async function loadScopesOf(
  repos: Repositories,
  templates: TemplateSource,
  orgIds: readonly string[],
): Promise<Map<string, CachedScope>> {
  if (orgIds.length === 0) return new Map();
  const [members, reports, orgs] = await Promise.all([
    repos.members.ofOrgs(orgIds),
    repos.reports.latestOfOrgs(orgIds),
    repos.orgs.many(orgIds),
  ]);
  const parentIds = [...new Set(orgs.flatMap((o) => (o.parentId ? [o.parentId] : [])))];
  const reportIds = [...reports.values()].map((r) => r.id);
  const [parents, answers, carried] = await Promise.all([
    parentIds.length > 0 ? repos.orgs.many(parentIds) : Promise.resolve([]),
    repos.answers.histories(reportIds),
    repos.carriedPlans.forReports(reportIds),
  ]);
  const parentName = new Map(parents.map((p) => [p.id, p.name]));
  const parentOf = new Map(orgs.map((o) => [o.id, o.parentId]));
  const scopes = new Map<string, CachedScope>();
  for (const orgId of orgIds) {
    const report = reports.get(orgId);
    const parent = parentOf.get(orgId);
    const county = parent ? countyNameOf(parentName.get(parent)) : undefined;
    scopes.set(orgId, {
      members: members.get(orgId) ?? [],
      report: report ?? null,
      template: report ? (templates.get(report.templateId, report.templateVersion) ?? null) : null,
      answers: report ? (answers.get(report.id) ?? []) : [],
      carriedPlans: report ? (carried.get(report.id)?.plans ?? []) : [],
      ...(county ? { countyName: county } : {}),
    });
  }
  return scopes;
}
