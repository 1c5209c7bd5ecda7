import type { Connection } from 'mongoose';
import type { Redis } from 'ioredis';
import { pingMongo } from '../store/mongo.js';
import { pingRedis } from '../store/redis.js';

export type StoreState = 'up' | 'down';

export interface Health {
  readonly status: 'ok' | 'degraded';
  readonly mongo: StoreState;
  readonly redis: StoreState;
}

export async function checkHealth(mongo: Connection, redis: Redis): Promise<Health> {
  const [m, r] = await Promise.all([pingMongo(mongo), pingRedis(redis)]);
  return {
    status: m && r ? 'ok' : 'degraded',
    mongo: m ? 'up' : 'down',
    redis: r ? 'up' : 'down',
  };
}
