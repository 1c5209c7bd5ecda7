import type { Redis } from 'ioredis';
import type { BrokenRecord, BrokenTargets } from './broken-targets.js';

export interface RedisBrokenTargetsOptions {
  readonly prefix?: string;
  /** A dead key stays dead; the TTL only stops forgotten groups piling up. */
  readonly ttlSeconds?: number;
}

const NINETY_DAYS = 90 * 24 * 3600;

/** One string per broken key hash: `SET NX` makes exactly one instance the one that marked it. */
export class RedisBrokenTargets implements BrokenTargets {
  readonly #prefix: string;
  readonly #ttlSeconds: number;

  readonly #redis: Redis;

  constructor(redis: Redis, options: RedisBrokenTargetsOptions = {}) {
    this.#redis = redis;
    this.#prefix = options.prefix ?? 'wecom:webhook-broken:';
    this.#ttlSeconds = options.ttlSeconds ?? NINETY_DAYS;
  }

  async mark(keyHash: string, record: BrokenRecord): Promise<boolean> {
    const set = await this.#redis.set(
      this.#prefix + keyHash,
      JSON.stringify(record),
      'EX',
      this.#ttlSeconds,
      'NX',
    );
    return set === 'OK';
  }

  async get(keyHash: string): Promise<BrokenRecord | undefined> {
    const raw = await this.#redis.get(this.#prefix + keyHash);
    if (raw === null) return undefined;
    try {
      return JSON.parse(raw) as BrokenRecord;
    } catch {
      // A record we cannot read still means "broken"; keep failing fast rather than sending.
      return { targetId: 'unknown', errcode: 0, at: 0 };
    }
  }

  async clear(keyHash: string): Promise<void> {
    await this.#redis.del(this.#prefix + keyHash);
  }
}
