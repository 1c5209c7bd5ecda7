import type { Redis } from 'ioredis';
import type { OrgScope } from '../chat/types.js';

/** What of an org's scope is kept between turns (the org itself is always read fresh). */
export type CachedScope = Omit<OrgScope, 'org'>;

interface Entry {
  readonly revision: string;
  readonly at: number;
  readonly scope: CachedScope;
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
  private readonly entries = new Map<string, Entry>();
  private readonly maxAgeMs: number;
  private readonly maxOrgs: number;
  private readonly prefix: string;
  private readonly now: () => number;

  constructor(
    private readonly redis: Redis,
    options: ScopeCacheOptions = {},
  ) {
    this.maxAgeMs = options.maxAgeMs ?? 60_000;
    this.maxOrgs = options.maxOrgs ?? 500;
    this.prefix = options.prefix ?? 'scope-rev:';
    this.now = options.now ?? Date.now;
  }

  async get(orgId: string, load: () => Promise<CachedScope>): Promise<CachedScope> {
    const revision = (await this.redis.get(this.prefix + orgId)) ?? '0';
    const cached = this.entries.get(orgId);
    if (cached && cached.revision === revision && this.now() - cached.at < this.maxAgeMs) {
      return cached.scope;
    }
    const scope = await load();
    this.entries.delete(orgId);
    this.entries.set(orgId, { revision, at: this.now(), scope });
    if (this.entries.size > this.maxOrgs) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return scope;
  }

  /** Marks the orgs' cached scopes stale everywhere. Call after the writes are done. */
  async bump(orgIds: Iterable<string>): Promise<void> {
    const ids = [...new Set(orgIds)];
    if (ids.length === 0) return;
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.incr(this.prefix + id);
    await pipeline.exec();
  }
}
