import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { redisScript, type RedisScript } from '../../redis-script.js';
import { WEBHOOK_RATE, type GateDecision, type RateGate, type RateWindow } from './rate-gate.js';

/**
 * A sorted set of slot times per bucket; one Lua script trims entries older than the window,
 * counts, and adds a slot only when there is room, so concurrent instances cannot overshoot.
 * Time comes from the caller's clock when given (tests), else from Redis' own TIME so that
 * instances with drifting clocks still share one timeline.
 */
const SCRIPT = `
local now = tonumber(ARGV[1])
if now <= 0 then
  local t = redis.call('TIME')
  now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
if redis.call('ZCARD', KEYS[1]) < limit then
  redis.call('ZADD', KEYS[1], now, ARGV[4])
  -- Expiry is only clean-up; the margin keeps virtual-clock tests safe from real time.
  redis.call('PEXPIRE', KEYS[1], window + 60000)
  return 0
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
return math.max(1, tonumber(oldest[2]) + window - now)
`;

export interface RedisRateGateOptions {
  readonly window?: RateWindow;
  /** Prefix of the sorted-set keys (after the client's own keyPrefix). */
  readonly prefix?: string;
  /** Omit in production: Redis' clock is used. */
  readonly now?: () => number;
}

export class RedisRateGate implements RateGate {
  readonly #window: RateWindow;
  readonly #prefix: string;
  readonly #now: (() => number) | undefined;
  readonly #take: RedisScript;

  constructor(redis: Redis, options: RedisRateGateOptions = {}) {
    this.#window = options.window ?? WEBHOOK_RATE;
    this.#prefix = options.prefix ?? 'wecom:webhook-rate:';
    this.#now = options.now;
    this.#take = redisScript(redis, 'wecomRateGateTake', 1, SCRIPT);
  }

  /** `bucket` must already be a hash (see secretHash); it becomes part of a Redis key. */
  async tryAcquire(bucket: string): Promise<GateDecision> {
    const wait = await this.#take(
      this.#prefix + bucket,
      this.#now?.() ?? 0,
      this.#window.windowMs,
      this.#window.limit,
      randomUUID(),
    );
    const retryAfterMs = Number(wait);
    return retryAfterMs === 0 ? { acquired: true } : { acquired: false, retryAfterMs };
  }
}
