import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';

/**
 * Who holds a bot's long connection. WeCom keeps one live socket per bot (a newer subscribe kicks
 * the older one), so bot instances sharing a Redis elect one holder: a key set with NX and a TTL,
 * renewed while the holder lives, deleted on a clean stop. A holder that dies stops renewing and
 * the key lapses after `ttlMs`; a standby that tries again then takes over.
 *
 * Renew and release compare the owner first (one Lua script each), so an instance that was paused
 * past its lease can never extend or delete its successor's.
 */
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return 1
end
return 0
`;

const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;

export interface LeaseOptions {
  /** Unique per process (e.g. hostname:pid:uuid). */
  readonly owner: string;
  readonly ttlMs: number;
  /** Key prefix after the client's own keyPrefix. */
  readonly prefix?: string;
}

export class ConnectionLease {
  readonly #redis: Redis;
  readonly #renew: RedisScript;
  readonly #release: RedisScript;
  readonly #key: string;
  readonly owner: string;
  readonly ttlMs: number;

  constructor(redis: Redis, botId: string, options: LeaseOptions) {
    this.#redis = redis;
    this.#renew = redisScript(redis, 'wecomWsLeaseRenew', 1, RENEW);
    this.#release = redisScript(redis, 'wecomWsLeaseRelease', 1, RELEASE);
    // The bot id is not a secret, but keep the key to a safe alphabet.
    this.#key = `${options.prefix ?? 'wecom:ws-holder:'}${botId.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    this.owner = options.owner;
    this.ttlMs = options.ttlMs;
  }

  /** Takes the lease if nobody holds it; true when this instance holds it afterwards. */
  async acquire(): Promise<boolean> {
    const set = await this.#redis.set(this.#key, this.owner, 'PX', this.ttlMs, 'NX');
    if (set === 'OK') return true;
    return this.renew();
  }

  /** Extends the lease; false when another instance holds it (or nobody does). */
  async renew(): Promise<boolean> {
    return (await this.#renew(this.#key, this.owner, this.ttlMs)) === 1;
  }

  async release(): Promise<void> {
    await this.#release(this.#key, this.owner);
  }

  /** The current holder's owner string, if any. */
  async holder(): Promise<string | undefined> {
    return (await this.#redis.get(this.#key)) ?? undefined;
  }
}
