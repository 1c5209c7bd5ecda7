import { Redis } from 'ioredis';
import { withTimeout } from './mongo.js';

export type { Redis };

export interface RedisOptions {
  /** Prepended to every key; tests give each file its own. */
  readonly keyPrefix?: string;
}

export async function connectRedis(url: string, options: RedisOptions = {}): Promise<Redis> {
  const redis = new Redis(url, {
    keyPrefix: options.keyPrefix,
    lazyConnect: true,
    // Fail fast while disconnected instead of queueing forever; callers get an error to map.
    maxRetriesPerRequest: 2,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2_000),
  });
  // Connection errors are reported through health; without a listener ioredis logs them itself.
  redis.on('error', () => undefined);
  await redis.connect();
  return redis;
}

export async function pingRedis(redis: Redis, timeoutMs = 1_000): Promise<boolean> {
  if (redis.status !== 'ready') return false;
  return withTimeout(
    redis.ping().then((r) => r === 'PONG'),
    timeoutMs,
  );
}
