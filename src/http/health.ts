import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import type { SupervisedStatus } from '../localstack/supervisor.js';
import { pingMongo } from '../store/mongo.js';
import { pingRedis } from '../store/redis.js';

export type StoreState = 'up' | 'down';

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly mongo: StoreState;
  readonly redis: StoreState;
  /** The embedded servers' supervision states (restarting, failed, …), when the bot runs them. */
  readonly embedded?: Record<string, SupervisedStatus>;
}

export async function checkHealth(
  mongo: Connection,
  redis: Redis,
  embedded?: () => Record<string, SupervisedStatus>,
): Promise<Health> {
  const [m, r] = await Promise.all([pingMongo(mongo), pingRedis(redis)]);
  const children = embedded?.();
  return {
    status: m && r ? 'ok' : 'degraded',
    mongo: m ? 'up' : 'down',
    redis: r ? 'up' : 'down',
    ...(children && Object.keys(children).length > 0 ? { embedded: children } : {}),
  };
}

/** The transports' part of /healthz: the detail shown, and whether it is healthy. */
export interface TransportsHealth {
  readonly ok: boolean;
  readonly detail: Readonly<Record<string, unknown>>;
}
