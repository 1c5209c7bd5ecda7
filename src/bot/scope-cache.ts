import type { Redis } from 'ioredis';
import { LRUCache } from 'lru-cache';
import type { OrgScope } from '../chat/types.js';
import type { Org } from '../report/types.js';
import type { ScopeFold } from './scope-fold.js';

/** What of an org's scope is kept between turns (the org itself is always read fresh). */
export type CachedScope = Omit<OrgScope, 'org'>;

interface Entry {
  readonly revision: string;
  readonly at: number;
  /** Kept when the entry was made for a group chat, which also reuses the org. */
  readonly org?: Org;
  readonly scope: CachedScope;
}

/** How a group chat's org and scope are read when the cache cannot answer. */
export interface ChatLoaders {
  orgIdOf(chatId: string): Promise<string | undefined>;
  org(orgId: string): Promise<Org | undefined>;
  scope(orgId: string): Promise<CachedScope>;
}

export interface ScopeCacheOptions {
  /** A safety net for a writer that died between its write and its bump. */
  readonly maxAgeMs?: number;
  /** Orgs kept per process; the oldest go first. */
  readonly maxOrgs?: number;
  readonly prefix?: string;
  readonly now?: () => number;
}

/**
 * An org's members, newest report, answers and carried plans, kept in this process between turns
 * and trusted while the org's revision in Redis is unchanged. Every turn that writes bumps the
 * revisions of the orgs it touched once its writes are done, so any instance sees them on the
 * next turn. Why: on the embedded FerretDB every query other than an `_id` lookup reads its whole
 * collection, and reloading an org with a few hundred members cost more than the rest of a turn.
 *
 * A reader takes the revision before loading: a write landing meanwhile bumps it after, so data
 * cached under the old revision is never trusted again.
 */
export class ScopeCache {
  /** The least recently used orgs go first once `maxOrgs` are kept. */
  readonly #entries: LRUCache<string, Entry>;
  /** Group chat → the org it was bound to when last read; trusted while that org's revision holds. */
  readonly #chats: LRUCache<string, string>;
  /**
   * Loads under way, by org and revision: after a write in a busy group every waiting turn misses
   * at once, and one reload serves them all instead of each reading the org again.
   */
  readonly #loading = new Map<string, Promise<unknown>>();
  readonly #redis: Redis;
  readonly #maxAgeMs: number;
  readonly #prefix: string;
  readonly #now: () => number;

  constructor(redis: Redis, options: ScopeCacheOptions = {}) {
    this.#redis = redis;
    this.#maxAgeMs = options.maxAgeMs ?? 60_000;
    const maxOrgs = options.maxOrgs ?? 500;
    this.#entries = new LRUCache({ max: maxOrgs });
    this.#chats = new LRUCache({ max: maxOrgs * 4 });
    this.#prefix = options.prefix ?? 'scope-rev:';
    this.#now = options.now ?? Date.now;
  }

  async get(orgId: string, load: () => Promise<CachedScope>): Promise<CachedScope> {
    const revision = await this.#revision(orgId);
    const cached = this.#entries.get(orgId);
    if (cached && this.#valid(cached, revision)) return cached.scope;
    const scope = await this.#once(`${orgId}@${revision}:scope`, load);
    this.#remember(orgId, { revision, at: this.#now(), scope });
    return scope;
  }

  /**
   * Several orgs' scopes at once (a county's townships): each trusted while its revision holds,
   * the missing or moved ones loaded together by `loadMany` (one query per collection). An entry
   * past `maxAgeMs` whose revision has not moved is served at once and reloaded in the
   * background: the age is only a safety net for a writer that died between its write and its
   * bump, so a county view does not wait on it. Revisions are read in one MGET.
   */
  async getMany(
    orgIds: readonly string[],
    loadMany: (orgIds: readonly string[]) => Promise<Map<string, CachedScope>>,
  ): Promise<Map<string, CachedScope>> {
    const revisions = await this.#revisions(orgIds);
    const scopes = new Map<string, CachedScope>();
    const missing: string[] = [];
    const aged: string[] = [];
    for (const orgId of orgIds) {
      const cached = this.#entries.get(orgId);
      if (cached && cached.revision === revisions.get(orgId)) {
        scopes.set(orgId, cached.scope);
        if (!this.#valid(cached, cached.revision)) aged.push(orgId);
      } else {
        missing.push(orgId);
      }
    }
    if (missing.length > 0) {
      for (const [orgId, scope] of await this.#loadInto(missing, revisions, loadMany)) {
        scopes.set(orgId, scope);
      }
    }
    if (aged.length > 0) {
      // Served already; the reload only refreshes the entries for the next reader.
      void this.#loadInto(aged, revisions, loadMany).catch(() => undefined);
    }
    return scopes;
  }

  /**
   * The org bound to a group chat, with its scope. A binding only moves in a turn of that group,
   * which bumps the org it was bound to, so an unchanged revision vouches for the binding too.
   */
  async forChat(chatId: string, load: ChatLoaders): Promise<OrgScope | undefined> {
    const known = this.#chats.get(chatId);
    if (known !== undefined) {
      const cached = this.#entries.get(known);
      if (cached?.org && this.#valid(cached, await this.#revision(known))) {
        return { org: cached.org, ...cached.scope };
      }
    }
    const orgId = await load.orgIdOf(chatId);
    if (orgId === undefined) {
      this.#chats.delete(chatId);
      return undefined;
    }
    const revision = await this.#revision(orgId);
    const org = await this.#once(`${orgId}@${revision}:org`, () => load.org(orgId));
    if (!org) return undefined;
    const cached = this.#entries.get(orgId);
    const scope =
      cached && this.#valid(cached, revision)
        ? cached.scope
        : await this.#once(`${orgId}@${revision}:scope`, () => load.scope(orgId));
    this.#remember(orgId, { revision, at: this.#now(), org, scope });
    this.#chats.set(chatId, orgId);
    return { org, ...scope };
  }

  /**
   * Marks the orgs' cached scopes stale everywhere. Call after the writes are done.
   *
   * With `fold`, the writer keeps its own entries fresh instead: where the new revision is the
   * one right after the entry's, no other write was bumped in between, so the entry with this
   * turn's writes folded in is what a reload would read. (A write still unbumped elsewhere is
   * invisible to every cached reader until its own bump, which moves past this revision.) The
   * entry keeps the time of its load, so its safety age still counts from a real read.
   */
  async bump(orgIds: Iterable<string>, fold?: ScopeFold): Promise<void> {
    const ids = [...new Set(orgIds)];
    if (ids.length === 0) return;
    const pipeline = this.#redis.pipeline();
    for (const id of ids) pipeline.incr(this.#prefix + id);
    const results = (await pipeline.exec()) ?? [];
    if (!fold) return;
    ids.forEach((orgId, i) => {
      const [err, value] = results[i] ?? [];
      const entry = this.#entries.get(orgId);
      if (err || typeof value !== 'number' || !entry) return;
      if (entry.revision !== String(value - 1)) return;
      const scope = fold(orgId, entry.scope);
      if (!scope) return;
      this.#remember(orgId, { ...entry, revision: String(value), scope });
    });
  }

  async #revisions(orgIds: readonly string[]): Promise<Map<string, string>> {
    if (orgIds.length === 0) return new Map();
    const values = await this.#redis.mget(orgIds.map((id) => this.#prefix + id));
    return new Map(orgIds.map((id, i) => [id, values[i] ?? '0']));
  }

  /** Loads `orgIds` together (one load per set of orgs and revisions) and remembers each. */
  async #loadInto(
    orgIds: readonly string[],
    revisions: ReadonlyMap<string, string>,
    loadMany: (orgIds: readonly string[]) => Promise<Map<string, CachedScope>>,
  ): Promise<Map<string, CachedScope>> {
    const key = `many:${orgIds.map((id) => `${id}@${revisions.get(id)}`).join(',')}`;
    const loaded = await this.#once(key, () => loadMany(orgIds));
    const at = this.#now();
    for (const [orgId, scope] of loaded) {
      const revision = revisions.get(orgId) ?? '0';
      const before = this.#entries.get(orgId);
      // The org a group chat reads is vouched for by the same revision: keep it while it holds.
      const org = before?.revision === revision ? before.org : undefined;
      this.#remember(orgId, { revision, at, scope, ...(org ? { org } : {}) });
    }
    return loaded;
  }

  async #revision(orgId: string): Promise<string> {
    return (await this.#redis.get(this.#prefix + orgId)) ?? '0';
  }

  #once<T>(key: string, load: () => Promise<T>): Promise<T> {
    const running = this.#loading.get(key) as Promise<T> | undefined;
    if (running) return running;
    const started = load().finally(() => this.#loading.delete(key));
    this.#loading.set(key, started);
    return started;
  }

  #valid(entry: Entry, revision: string): boolean {
    return entry.revision === revision && this.#now() - entry.at < this.#maxAgeMs;
  }

  #remember(orgId: string, entry: Entry): void {
    this.#entries.set(orgId, entry);
  }
}
