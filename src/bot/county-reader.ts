/**
 * Reads what a county's views need — its townships with their reports, answers and members, and
 * their newest draft versions — through the same scope cache as chat turns, so a county asked
 * about again after one township wrote reloads only that township.
 */
import { reportTemplate } from '../report/office.js';
import type { DashboardEntry } from '../report/dashboard.js';
import type { Org } from '../report/types.js';
import type { Repositories } from '../store/repositories.js';
import { loadScope, loadScopesOf } from './context.js';
import type { CachedScope, ScopeCache } from './scope-cache.js';
import type { TemplateSource } from './templates.js';

export interface CountyData {
  readonly county: Org;
  readonly entries: readonly DashboardEntry[];
}

export interface TownshipData {
  readonly org: Org;
  readonly scope: CachedScope;
}

export class CountyReader {
  readonly #repos: Repositories;
  readonly #templates: TemplateSource;
  readonly #cache: ScopeCache | undefined;

  constructor(repos: Repositories, templates: TemplateSource, cache?: ScopeCache) {
    this.#repos = repos;
    this.#templates = templates;
    this.#cache = cache;
  }

  /**
   * The county and each org that joined it, with its report of `year` (its newest when no year
   * is given). Undefined when `countyId` is not a county.
   */
  async county(countyId: string, year?: number): Promise<CountyData | undefined> {
    const [county, children] = await Promise.all([
      this.#repos.orgs.get(countyId),
      this.#repos.orgs.children(countyId),
    ]);
    if (county?.kind !== 'county') return undefined;
    const scopes = await this.#scopes(children.map((o) => o.id));
    const entries = children.map((org): DashboardEntry => {
      const scope = scopes.get(org.id)!;
      const report = scope.report;
      if (!report || (year !== undefined && report.year !== year)) {
        return { org, answers: [], members: scope.members };
      }
      return {
        org,
        report,
        answers: scope.answers,
        members: scope.members,
        ...(scope.template ? { template: scope.template } : {}),
      };
    });
    return { county, entries };
  }

  async township(orgId: string): Promise<TownshipData | undefined> {
    const org = await this.#repos.orgs.get(orgId);
    if (!org || org.kind === 'county') return undefined;
    return { org, scope: await this.#scope(org.id) };
  }

  /**
   * An org's scope as the chat's cache holds it (no org read): the same object while the org's
   * revision holds, so what is drawn from it can be kept with it.
   */
  rawScope(orgId: string): Promise<CachedScope> {
    const load = () => loadScope(this.#repos, this.#templates, orgId);
    return this.#cache ? this.#cache.get(orgId, load) : load();
  }

  /** Newest draft version per report id. */
  latestDrafts(reportIds: readonly string[]): Promise<Map<string, number>> {
    return this.#repos.drafts.latestVersions(reportIds);
  }

  /** Several orgs' scopes, loaded together where the cache cannot answer. */
  async #scopes(orgIds: readonly string[]): Promise<Map<string, CachedScope>> {
    const loadMany = (ids: readonly string[]) => loadScopesOf(this.#repos, this.#templates, ids);
    const scopes = await (this.#cache ? this.#cache.getMany(orgIds, loadMany) : loadMany(orgIds));
    return new Map([...scopes].map(([id, scope]) => [id, this.inOfficeWords(scope)]));
  }

  /** The org's scope with its report's template in the office's words, as every view reads it. */
  async #scope(orgId: string): Promise<CachedScope> {
    const load = () => loadScope(this.#repos, this.#templates, orgId);
    return this.inOfficeWords(await (this.#cache ? this.#cache.get(orgId, load) : load()));
  }

  /** A scope with its report's template in the office's words. */
  inOfficeWords(scope: CachedScope): CachedScope {
    return scope.report && scope.template
      ? { ...scope, template: reportTemplate(scope.template, scope.report) }
      : scope;
  }
}
